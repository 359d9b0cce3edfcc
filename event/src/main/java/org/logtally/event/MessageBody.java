package org.logtally.event;

/** A message body that carries the version of its JSON schema. */
public interface MessageBody {

    int schemaVersion();
}
