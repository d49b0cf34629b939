import type { RequestSummary } from '@cityscope/core';

/**
 * One CloudWatch Embedded Metric Format line per request: CloudWatch Logs turns it into
 * metrics (namespace EMF_NAMESPACE, dimensions route and status) without an API call
 * or an agent. https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
export function emfLine(summary: RequestSummary, namespace: string, now = Date.now()): string {
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return JSON.stringify({
    _aws: {
      Timestamp: now,
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: [['route', 'status']],
          Metrics: [
            { Name: 'duration', Unit: 'Milliseconds' },
            { Name: 'upstreamDuration', Unit: 'Milliseconds' },
            { Name: 'upstreamRequests', Unit: 'Count' },
          ],
        },
      ],
    },
    route: summary.route ?? 'unmatched',
    status: String(summary.status),
    duration: round(summary.ms),
    upstreamDuration: round(summary.upstreamMs),
    upstreamRequests: summary.upstreamRequests,
    ...(summary.cache ? { cache: summary.cache } : {}),
  });
}
