package dev.orderflow.lambda.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.contracts.TraceContext;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class TracesTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void anEventMadeWhileHandlingSomethingKeepsItsCorrelationIdAndTraceWithANewParent() {
        try (var traced = Traces.open(new TraceContext("checkout-7f3a", TRACEPARENT))) {
            TraceContext event = Traces.forNewEvent();

            assertThat(event.correlationId()).isEqualTo("checkout-7f3a");
            assertThat(event.traceparent())
                    .startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-")
                    .endsWith("-01")
                    .isNotEqualTo(TRACEPARENT)
                    .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
            assertThat(MDC.get(Traces.TRACE_ID)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        }
        assertThat(MDC.get(Traces.CORRELATION_ID)).isNull();
        assertThat(MDC.get(Traces.TRACE_ID)).isNull();
    }

    @Test
    void scopesNestAndRestoreWhatWasBefore() {
        try (var outer = Traces.open(new TraceContext("outer", TRACEPARENT))) {
            try (var inner = Traces.open(Traces.of("inner", null))) {
                assertThat(MDC.get(Traces.CORRELATION_ID)).isEqualTo("inner");
            }
            assertThat(MDC.get(Traces.CORRELATION_ID)).isEqualTo("outer");
        }
    }

    @Test
    void aRequestsTraceIsTheCallersW3cContextElseApiGatewaysXrayTraceElseANewOne() {
        assertThat(Traces.traceparentOf(TRACEPARENT, "Root=1-5759e988-bd862e3fe1be46a994272793"))
                .isEqualTo(TRACEPARENT);
        assertThat(Traces.traceparentOf(
                        null, "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"))
                .isEqualTo("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01");
        assertThat(Traces.traceparentOf("garbage", null)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void anInboundEventWithoutAValidContextGetsANewOne() {
        TraceContext repaired = Traces.of("not a token <script>", "01-xyz");

        assertThat(repaired.correlationId()).matches("[0-9a-f-]{36}");
        assertThat(repaired.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(Traces.of("checkout-7f3a", TRACEPARENT)).isEqualTo(new TraceContext("checkout-7f3a", TRACEPARENT));
    }
}
