package dev.tollgate.http.auth;

/** The two kinds of API key: admins manage the catalog, producers send usage. */
public enum KeyKind {
    ADMIN,
    INGEST
}
