package org.logtally.embedded;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Starts an in-memory Artemis broker for a {@code @QuarkusTest} and points the AMQP connector at it. */
public class ArtemisTestResource implements QuarkusTestResourceLifecycleManager {

    private Broker broker;

    @Override
    public Map<String, String> start() {
        broker = Broker.start(null, 0);
        return Map.of(
                "amqp-host", broker.host(),
                "amqp-port", String.valueOf(broker.port()),
                "amqp-username", "guest",
                "amqp-password", "guest");
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
