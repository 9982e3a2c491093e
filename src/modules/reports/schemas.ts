import { Type } from 'typebox';

export const ReportParams = Type.Object({
  name: Type.String({ pattern: '^[a-z0-9-]+(\\.csv)?$', maxLength: 80, description: 'add .csv for CSV' }),
});

export const ReportQuery = Type.Object(
  {
    from: Type.Optional(
      Type.String({ maxLength: 40, description: 'YYYY-MM-DD (site time zone) or ISO time' }),
    ),
    to: Type.Optional(Type.String({ maxLength: 40, description: 'YYYY-MM-DD (inclusive) or ISO time' })),
    site: Type.Optional(Type.String({ pattern: '^[a-z0-9-]+$', maxLength: 60 })),
  },
  { additionalProperties: false },
);

const Column = Type.Object({ key: Type.String(), label: Type.String() });

export const Report = Type.Object({
  name: Type.String(),
  title: Type.String({ description: 'the report by name, for people' }),
  description: Type.String(),
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  site: Type.Union([Type.String(), Type.Null()]),
  columns: Type.Array(Column),
  rows: Type.Array(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()]))),
  links: Type.Array(Type.Record(Type.String(), Type.Record(Type.String(), Type.String())), {
    description:
      'per row, by column key: the GET /api/tasks filters that list exactly the tasks the count counted',
  }),
});

export const ReportList = Type.Object({
  items: Type.Array(
    Type.Object({
      name: Type.String(),
      title: Type.String(),
      description: Type.String(),
      columns: Type.Array(Column),
    }),
  ),
});
