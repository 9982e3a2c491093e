import { Type } from 'typebox';

const Code = Type.String({ pattern: '^[a-z0-9_]+$', maxLength: 60 });

export const Reason = Type.Object({
  id: Type.String(),
  code: Type.String(),
  label: Type.String(),
  position: Type.Integer(),
});

export const CodedItem = Type.Object({ id: Type.String(), code: Type.String(), label: Type.String() });

export const ExceptionComment = Type.Object({
  id: Type.String(),
  body: Type.String(),
  exceptionType: Type.String(),
  reasonCode: Type.Union([Type.String(), Type.Null()], { description: 'null: fits any reason' }),
});

export const ExceptionCommentsQuery = Type.Object(
  {
    type: Code,
    reason: Type.Optional(Code),
  },
  { additionalProperties: false },
);

export const ItemsOf = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ items: Type.Array(item) });
