import { reportRow, type ReportRow } from '../../domain/report/yearly.js';
import { plegerKeyOf } from '../../store/pleger-key.js';
import type { Services } from '../services.js';

/** What the reports count of every melding of the organisation (no content leaves this). */
export async function loadReportRows(services: Services): Promise<ReportRow[]> {
  return (await services.store.incidents.listByOrganisation(services.orgId)).map(({ value }) => reportRow(value, plegerKeyOf(value.pleger)));
}
