package io.driftloop.registry.api;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Describes, in one place, what every mutating operation of the API shares: it needs HTTP Basic or
 * a bearer JWT, and answers 401 (no or wrong credentials) and 403 (authenticated without the role)
 * as problem documents. Registered with {@code mp.openapi.filter}.
 */
public class SecuredOperations implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                if (entry.getKey() != PathItem.HttpMethod.GET && path.startsWith("/api/")) {
                    secure(entry.getValue());
                }
            }
        });
    }

    private static void secure(Operation operation) {
        operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("basic"));
        operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("jwt"));
        operation.getResponses()
                .addAPIResponse("401", problem("no or wrong credentials"))
                .addAPIResponse("403", problem("authenticated without the role"));
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref("Problem"))));
    }
}
