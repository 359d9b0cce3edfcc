package org.logtally.api;

import org.jboss.logging.BasicLogger;
import org.jboss.logging.Logger;
import org.jboss.logging.annotations.Cause;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;

import java.lang.invoke.MethodHandles;

/** Log messages of api-service, with ids of the form LOGTALLY-API-0001. */
@MessageLogger(projectCode = "LOGTALLY-API-", length = 4)
public interface ApiLog extends BasicLogger {

    ApiLog LOG = Logger.getMessageLogger(MethodHandles.lookup(), ApiLog.class, "org.logtally.api");

    @LogMessage(level = Logger.Level.ERROR)
    @Message(id = 1, value = "Query for %s failed, so the request gets HTTP 503. "
            + "Check that PostgreSQL is reachable at quarkus.datasource.reactive.url and that counter-service "
            + "has created the schema")
    void queryFailed(String query, @Cause Throwable cause);

    @LogMessage(level = Logger.Level.DEBUG)
    @Message(id = 2, value = "Rejected a request with HTTP 400 for parameter %s: %s")
    void parameterRejected(String parameter, String message);
}
