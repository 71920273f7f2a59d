package dev.tollgate.planapi.store;

import java.util.List;

/**
 * What a catalog write decided: the records to commit, all or none, and the answer the request gives
 * once they are committed (the created or changed entry).
 */
public record CatalogDecision<T>(T answer, List<CatalogWrite<?>> writes) {

    public CatalogDecision {
        writes = List.copyOf(writes);
    }

    public static <T> CatalogDecision<T> of(final T answer, final CatalogWrite<?>... writes) {
        return new CatalogDecision<>(answer, List.of(writes));
    }
}
