package io.driftloop.scorer.api;

import io.driftloop.contracts.InvalidEventException;
import io.driftloop.contracts.Json;
import io.driftloop.scorer.config.ScorerConfig;
import io.driftloop.scorer.domain.InvalidRequestException;
import io.driftloop.scorer.domain.InvalidScoreException;
import io.driftloop.scorer.domain.ModelChoice;
import io.driftloop.scorer.domain.NoModelException;
import io.driftloop.scorer.domain.PredictRequest;
import io.driftloop.scorer.domain.Prediction;
import io.driftloop.scorer.domain.Predictor;
import io.driftloop.scorer.messaging.ChampionSubscription;
import io.driftloop.scorer.messaging.InferencePublisher;
import io.driftloop.subscriber.LoadedModel;
import io.driftloop.subscriber.ModelSubscriber;
import io.driftloop.subscriber.dl4j.Dl4jModel;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * {@code POST /predict}: scores with the model serving now and records the prediction on
 * ct.inference.v1 before answering. 400 for a request that cannot be scored, an empty or null body
 * included (the problem says why), 503 while no model serves (with Retry-After) or when the event
 * could not be written, 500 when the model answers something that is not a probability, 415 for a body
 * that is not {@code application/json}, 413 for one over {@code quarkus.http.limits.max-body-size}
 * (1 MiB); every error but the 413 is a problem document ({@link ProblemMappers} for the rest).
 */
@Path("/predict")
public class PredictResource {

    private static final Logger LOG = Logger.getLogger(PredictResource.class);

    private final ModelSubscriber<Dl4jModel> models;
    private final ModelChoice choice;
    private final Predictor predictor = new Predictor(Clock.systemUTC());
    private final InferencePublisher publisher;
    private final MeterRegistry meters;

    public PredictResource(ChampionSubscription subscription, ScorerConfig config, InferencePublisher publisher,
                           MeterRegistry meters) {
        this.models = subscription.subscriber();
        this.choice = new ModelChoice(subscription.models(), config.defaultModel());
        this.publisher = publisher;
        this.meters = meters;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response predict(String body) {
        Prediction prediction;
        try {
            if (body == null || body.isBlank()) {
                throw new InvalidRequestException("the body is empty: send {\"features\": {...}}");
            }
            PredictRequest request = Json.decode(body, PredictRequest.class);
            if (request == null) {
                throw new InvalidRequestException("the body is null: send {\"features\": {...}}");
            }
            String model = choice.resolve(request.model(), this::serving);
            LoadedModel<Dl4jModel> serving = models.current(model).orElseThrow(() -> new NoModelException(
                    "no model '" + model + "' is serving yet" + models.status(model)
                            .map(s -> s.lastError() == null ? "" : "; the latest promotion was refused: " + s.lastError())
                            .orElse(": none has been promoted")));
            prediction = predictor.predict(model, request, serving);
        } catch (InvalidEventException | InvalidRequestException e) {
            meters.counter("driftloop.scorer.rejected", "reason", "invalid").increment();
            return Problem.badRequest(e.getMessage());
        } catch (NoModelException e) {
            meters.counter("driftloop.scorer.rejected", "reason", "no-model").increment();
            return Problem.noModel(e.getMessage());
        } catch (InvalidScoreException e) {
            meters.counter("driftloop.scorer.rejected", "reason", "invalid-score").increment();
            LOG.errorf("%s", e.getMessage());
            return Problem.invalidScore(e.getMessage());
        }
        try {
            publisher.publish(prediction);
        } catch (RuntimeException e) {
            LOG.errorf(e, "inference event %s not written", prediction.eventId());
            return Problem.notRecorded("the prediction was not served because its inference event could not be written: "
                    + e.getMessage());
        }
        meters.counter("driftloop.scorer.predictions", "model", prediction.response().model(),
                "version", Integer.toString(prediction.response().modelVersion())).increment();
        return Response.ok(Json.encode(prediction.response()), MediaType.APPLICATION_JSON).build();
    }

    private Set<String> serving() {
        return models.statuses().values().stream().filter(s -> s.version() != null)
                .map(s -> s.model()).collect(Collectors.toSet());
    }
}
