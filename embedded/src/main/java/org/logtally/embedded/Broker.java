package org.logtally.embedded;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * An Apache ActiveMQ Artemis broker in this JVM with one AMQP acceptor on loopback.
 * With a data directory the journal is persistent, so queued messages survive a restart.
 */
public final class Broker implements AutoCloseable {

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final int port;

    private Broker(int port) {
        this.port = port;
    }

    /**
     * Starts a broker on {@code port} (0 picks a free port) that keeps its journal under
     * {@code dataDir}, or in memory only when {@code dataDir} is null.
     */
    public static Broker start(Path dataDir, int port, String... anycastQueues) {
        Broker broker = new Broker(port == 0 ? freePort() : port);
        try {
            broker.server.setConfiguration(broker.configuration(dataDir, anycastQueues));
            broker.server.start();
        } catch (Exception e) {
            throw new IllegalStateException("Artemis broker failed to start on port " + broker.port, e);
        }
        return broker;
    }

    private Configuration configuration(Path dataDir, String... anycastQueues) throws Exception {
        Configuration config = new ConfigurationImpl()
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + port + "?protocols=AMQP");
        if (dataDir == null) {
            config.setPersistenceEnabled(false);
        } else {
            config.setPersistenceEnabled(true)
                    .setJournalDirectory(dataDir.resolve("journal").toString())
                    .setBindingsDirectory(dataDir.resolve("bindings").toString())
                    .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                    .setPagingDirectory(dataDir.resolve("paging").toString())
                    .setJournalDatasync(true);
        }
        // Redelivery is what keeps a batch whose transaction failed, so a message is never
        // moved to the dead-letter address after a fixed number of attempts.
        config.addAddressSetting("#", new AddressSettings().setMaxDeliveryAttempts(-1)
                .setDeadLetterAddress(SimpleString.of("DLQ")).setExpiryAddress(SimpleString.of("ExpiryQueue"))
                .setAutoCreateQueues(true).setAutoCreateAddresses(true)
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setDefaultQueueRoutingType(RoutingType.ANYCAST));
        for (String queue : anycastQueues) {
            config.addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST)
                    .setDurable(true));
        }
        return config;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Artemis broker failed to stop", e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
