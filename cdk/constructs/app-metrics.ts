// The functions' own CloudWatch metrics (Powertools Metrics, embedded metric format), as the alarms
// and the dashboard read them: namespace and names from functions/adapters/metrics/names.ts, the one
// `service` dimension Powertools adds. A metric published with any other dimension set is another
// metric to CloudWatch: alarms and widgets would watch nothing.
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { METRICS_NAMESPACE, METRICS_SERVICE } from '#adapters/metrics/names';

export const FIVE_MINUTES = Duration.minutes(5);

/** One of our metrics, summed over `period` unless told: counts of sends, cut-offs, failed reads. */
export function appMetric(
  metricName: string,
  options: { label?: string; period?: Duration; statistic?: string } = {},
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: METRICS_SERVICE },
    period: options.period ?? FIVE_MINUTES,
    statistic: options.statistic ?? 'Sum',
    label: options.label,
  });
}

/** Where each alarm's runbook is: its description says it, so the e-mail the team gets points there. */
export const RUNBOOKS = 'docs/runbooks.md';

/** GitHub's anchor of a `## <AlarmName>` heading. */
export const runbookAnchor = (alarm: string) => `${RUNBOOKS}#${alarm.toLowerCase()}`;
