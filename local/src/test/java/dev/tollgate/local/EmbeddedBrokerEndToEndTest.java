package dev.tollgate.local;

import java.util.Map;

/** The pipeline on the embedded KRaft broker, exactly as the README's run command starts it. */
class EmbeddedBrokerEndToEndTest extends PipelineScenarios {

    @Override
    Map<String, String> environment() {
        return Map.of();
    }
}
