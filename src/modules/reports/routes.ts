import type { Deps } from '../../deps.ts';
import type { App } from '../../http/app-type.ts';
import { requireActor } from '../../http/auth.ts';
import { problemResponses } from '../../http/schemas.ts';
import { toCsv } from './csv.ts';
import { reportReaderRoles } from './policy.ts';
import { Report, ReportList, ReportParams, ReportQuery } from './schemas.ts';
import { listReports, runReport } from './service.ts';

export async function reportRoutes(app: App, deps: Deps) {
  app.get(
    '/api/reports',
    { schema: { tags: ['reports'], response: { 200: ReportList, ...problemResponses } } },
    async (request) => {
      requireActor(request, reportReaderRoles);
      return { items: listReports() };
    },
  );

  app.get(
    '/api/reports/:name',
    {
      schema: {
        tags: ['reports'],
        description: 'JSON by default; CSV with `Accept: text/csv` or a `.csv` suffix on the name.',
        params: ReportParams,
        querystring: ReportQuery,
        response: {
          200: {
            content: {
              'application/json': { schema: Report },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, reportReaderRoles);
      const isCsvName = request.params.name.endsWith('.csv');
      const name = isCsvName ? request.params.name.slice(0, -4) : request.params.name;
      const report = await runReport(deps, actor, { name, ...request.query });
      if (!isCsvName && !/\btext\/csv\b/.test(request.headers.accept ?? '')) return report;
      const fileName = `${report.name}_${report.from.slice(0, 10)}_${report.to.slice(0, 10)}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(toCsv(report.columns, report.rows));
    },
  );
}
