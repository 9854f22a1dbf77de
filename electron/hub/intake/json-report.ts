// POST /api/v1/ingest/{channel}: a report in the hub's own JSON form (shared/protocol/intake.ts).
import { DutyFailure } from '../../../shared/errors';
import { toWgs84 } from '../../../shared/geo/datum';
import { mapCategory } from '../../../shared/intake/categories';
import { IntakeReportSchema, type IntakeAnswer, type IntakeChannel } from '../../../shared/protocol/intake';
import { parseWith } from '../../../shared/protocol/validate';
import { intakeKey, type Intake } from './intake';
import type { IntegrationAccount } from './keys';

const SOURCE_NAMES: Record<IntakeChannel, string> = {
  hotline12345: '12345 热线工单',
  police110: '110 警情',
  fire119: '119 警情',
  cityManagement: '数字城管案卷',
  gridApp: '网格上报',
  iot: '物联感知告警',
  videoAi: '视频智能分析告警',
};

/** `body` is the JSON the router parsed (UTF-8, depth-checked, at most MAX_BODY_BYTES). */
export async function takeJsonReport(intake: Intake, account: IntegrationAccount, channel: IntakeChannel, body: unknown): Promise<IntakeAnswer> {
  const parsed = parseWith(IntakeReportSchema, body);
  if (!parsed.ok) throw new DutyFailure(parsed.error.code, parsed.error.message, parsed.error.path);
  const report = parsed.value;
  const mapped = mapCategory(channel, report.categoryCode);
  const notes = [`【来源】${SOURCE_NAMES[channel]} ${report.externalId}，${report.time}`];
  if (mapped.sourceName) notes.push(`【来源分类】${report.categoryCode} ${mapped.sourceName}`);
  if (!mapped.known) notes.push(`【来源分类】${report.categoryCode}（未识别，暂归“其他”）`);
  if (report.attachments.length) notes.push(`【附件】${report.attachments.join(' ')}`);
  const location = report.location ? (([lon, lat]) => ({ lon, lat }))(toWgs84(report.location.datum, report.location.lon, report.location.lat)) : undefined;
  return intake.submit(
    account,
    { channel, category: mapped.category, text: report.text, title: report.title, location, address: report.address, reporter: report.reporter, notes },
    intakeKey(channel, report.externalId),
  );
}
