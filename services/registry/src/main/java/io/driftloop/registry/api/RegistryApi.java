package io.driftloop.registry.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/** The registry's REST API as OpenAPI describes it ({@code /q/openapi}; Swagger UI in dev mode). */
@OpenAPIDefinition(info = @Info(title = "Driftloop registry", version = "1",
        description = "Model specs, versions, lineage, champions, aliases and promotion decisions. Reads are open; "
                + "changes need HTTP Basic credentials of a configured user or a bearer JWT with the role named. "
                + "Errors are RFC 7807 problem documents (application/problem+json)."))
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic"),
        @SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer",
                bearerFormat = "JWT")})
public class RegistryApi extends Application {
}
