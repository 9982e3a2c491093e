/**
 * A customer's number as a click-to-dial link: the agent's softphone (registered for `tel:`) places
 * the call, so nobody retypes a number. The accessible name says what clicking does.
 */
export function PhoneLink({ phone, name }: { phone: string; name?: string }) {
  const dial = phone.replace(/[^+0-9]/g, '');
  return (
    <a href={`tel:${dial}`} aria-label={`Call ${name ? `${name} at ` : ''}${phone}`}>
      {phone}
    </a>
  );
}
