package org.logtally.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code GET /api/v1/sites} returns the sorted names of the sites that have daily totals, as a JSON array. */
@Path("/api/v1/sites")
public class SitesResource {

    private final DailyTotalRepository repository;

    public SitesResource(DailyTotalRepository repository) {
        this.repository = repository;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<String>> sites() {
        return repository.sites();
    }
}
