/** An OpenTelemetry SDK tracer that keeps every ended span in memory (the SDK's own exporter). */
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

export function memoryTracing() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { tracerProvider: provider, tracer: provider.getTracer('test'), spans: () => exporter.getFinishedSpans(), reset: () => exporter.reset() };
}

/** Every text a span exports: its name, attributes, status and events, as one string. */
export function exportedText(spans: readonly ReadableSpan[]): string {
  return JSON.stringify(
    spans.map((s) => ({ name: s.name, attributes: s.attributes, status: s.status, events: s.events.map((e) => ({ name: e.name, attributes: e.attributes })) })),
  );
}

export const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
