package dev.kotak.retention.webadmin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.task.TaskManager;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.tasks.TaskFromRequest;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kotak.core.retention.DeviceRule;
import dev.kotak.core.retention.ExpireCapability;
import dev.kotak.core.retention.LegalHold;
import dev.kotak.core.retention.Policy;
import dev.kotak.core.retention.config.EffectivePolicy;
import dev.kotak.core.retention.config.RetentionConfig;
import dev.kotak.retention.RetentionClock;
import dev.kotak.retention.holds.HoldStore;
import dev.kotak.retention.holds.LegalHolds;
import dev.kotak.retention.metrics.RetentionMetrics;
import dev.kotak.retention.restore.HiddenMessages;
import dev.kotak.retention.sweeper.RetentionSweepTask;
import dev.kotak.retention.sweeper.RetentionSweeper;
import dev.kotak.retention.sweeper.SweepReport;
import dev.kotak.retention.sweeper.SweepRequest;
import dev.kotak.retention.sweeper.SweepScope;
import dev.kotak.retention.sweeper.SweptMessage;
import spark.Request;
import spark.Service;

/**
 * Operators' routes under {@code /kotak/retention} ({@code extensions.routes} in webadmin.properties): the effective
 * policy of a user and why, dry runs, sweeps as tasks, restores, and legal holds. docs/retention.md lists them.
 */
public class RetentionRoutes implements Routes {
    public static final String BASE = "/kotak/retention";
    private static final Logger LOGGER = LoggerFactory.getLogger(RetentionRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RetentionConfig config;
    private final LegalHolds holds;
    private final HoldStore holdStore;
    private final RetentionSweeper sweeper;
    private final RetentionMetrics metrics;
    private final HiddenMessages hiddenMessages;
    private final UsersRepository usersRepository;
    private final TaskManager taskManager;
    private final RetentionClock clock;
    private final JsonTransformer jsonTransformer;

    @Inject
    public RetentionRoutes(RetentionConfig config, LegalHolds holds, HoldStore holdStore, RetentionSweeper sweeper,
                           RetentionMetrics metrics, HiddenMessages hiddenMessages, UsersRepository usersRepository,
                           TaskManager taskManager, RetentionClock clock, JsonTransformer jsonTransformer) {
        this.config = config;
        this.holds = holds;
        this.holdStore = holdStore;
        this.sweeper = sweeper;
        this.metrics = metrics;
        this.hiddenMessages = hiddenMessages;
        this.usersRepository = usersRepository;
        this.taskManager = taskManager;
        this.clock = clock;
        this.jsonTransformer = jsonTransformer;
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        // The holds live in the mail store: when it cannot be read, say so (503, retry) instead of a bare 500.
        service.exception(HoldStore.HoldStoreException.class, (exception, request, response) -> {
            LOGGER.warn("Legal holds unavailable for {} {}", request.requestMethod(), request.pathInfo(), exception);
            response.status(HttpStatus.SERVICE_UNAVAILABLE_503);
            response.type("application/json");
            response.body(ErrorResponder.builder().statusCode(HttpStatus.SERVICE_UNAVAILABLE_503)
                .type(ErrorResponder.ErrorType.SERVER_ERROR)
                .message("Legal holds cannot be read or written now (the mail store failed); try again later")
                .asString());
        });
        service.get(BASE + "/policies", (request, response) -> policies(), jsonTransformer);
        service.get(BASE + "/users/:user", (request, response) -> effective(existingUser(request)), jsonTransformer);
        service.get(BASE + "/users/:user/dry-run", (request, response) ->
            dryRun(existingUser(request), instant(request, "asOf")), jsonTransformer);
        service.post(BASE + "/users/:user/restore", (request, response) -> Map.of("restored",
            hiddenMessages.restore(existingUser(request), instant(request, "since"), device(request))), jsonTransformer);
        TaskFromRequest sweep = request -> new RetentionSweepTask(sweeper, metrics, sweepRequest(request));
        service.post(BASE + "/sweep", sweep.asRoute(taskManager), jsonTransformer);
        service.get(BASE + "/holds", (request, response) -> holds.all().stream().map(this::hold)
            .collect(Collectors.toList()), jsonTransformer);
        service.get(BASE + "/holds/:user", (request, response) -> {
            List<LegalHold> userHolds = holds.of(user(request).asString());
            if (userHolds.isEmpty()) {
                throw notFound("No legal hold for " + user(request).asString());
            }
            return userHolds.stream().map(this::hold).collect(Collectors.toList());
        }, jsonTransformer);
        service.put(BASE + "/holds/:user", (request, response) -> {
            holdStore.put(parseHold(user(request), request.body()));
            response.status(HttpStatus.NO_CONTENT_204);
            return "";
        });
        service.delete(BASE + "/holds/:user", (request, response) -> {
            if (!holdStore.remove(user(request).asString())) {
                throw notFound("No legal hold set through WebAdmin for " + user(request).asString()
                    + (config.hold(user(request).asString()).isPresent()
                        ? "; its hold is declared in retention.xml and is lifted there" : ""));
            }
            response.status(HttpStatus.NO_CONTENT_204);
            return "";
        });
    }

    private List<Map<String, Object>> policies() {
        return config.policies().values().stream().map(policy -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", policy.name());
            json.put("expire", ExpireCapability.afterLogin(policy));
            json.put("policy", policy.toString());
            return json;
        }).collect(Collectors.toList());
    }

    private Map<String, Object> effective(Username user) throws HoldStore.HoldStoreException {
        EffectivePolicy effective = config.resolve(user.asString());
        Policy policy = effective.policy();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user", user.asString());
        json.put("policy", policy.name());
        json.put("assignment", effective.explain());
        Map<String, Object> values = new LinkedHashMap<>();
        effective.origins().forEach((name, origin) -> {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("value", PolicyValues.render(policy, name).orElse(null));
            value.put("origin", origin);
            values.put(name, value);
        });
        json.put("values", values);
        json.put("devices", policy.devices().values().stream().map(DeviceRule::toString).collect(Collectors.toList()));
        json.put("capabilities", List.of(ExpireCapability.afterLogin(policy)));
        Instant now = clock.now();
        json.put("holds", holds.of(user.asString()).stream().map(hold -> {
            Map<String, Object> holdJson = hold(hold);
            holdJson.put("active", hold.activeAt(now));
            return holdJson;
        }).collect(Collectors.toList()));
        return json;
    }

    private Map<String, Object> dryRun(Username user, Optional<Instant> asOf)
        throws UsersRepositoryException, HoldStore.HoldStoreException {
        Instant instant = asOf.orElseGet(clock::now);
        SweepReport report = new SweepReport();
        sweeper.sweep(new SweepRequest(SweepScope.user(user.asString()), Optional.of(instant), true,
            Integer.MAX_VALUE), report);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user", user.asString());
        json.put("asOf", instant.toString());
        json.put("policy", config.resolve(user.asString()).explain());
        json.put("holds", holds.of(user.asString()).stream().map(hold -> {
            Map<String, Object> holdJson = hold(hold);
            holdJson.put("active", hold.activeAt(instant));
            return holdJson;
        }).collect(Collectors.toList()));
        json.put("messagesExamined", report.messagesExamined());
        json.put("toRemove", report.removedByRule());
        json.put("heldBack", report.heldByRule());
        json.put("messages", report.messages().stream().map(RetentionRoutes::message).collect(Collectors.toList()));
        return json;
    }

    private static Map<String, Object> message(SweptMessage message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mailbox", message.mailbox());
        json.put("uid", message.uid());
        json.put("arrival", message.arrival().toString());
        json.put("outcome", message.outcome());
        json.put("rule", message.rule().orElse(null));
        json.put("removableAt", message.decision().removableAt().map(Instant::toString).orElse(null));
        message.decision().heldBy().ifPresent(hold -> json.put("heldBy", hold.reason() + " (" + hold.owner() + ")"));
        return json;
    }

    private Map<String, Object> hold(LegalHold hold) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user", hold.user());
        json.put("reason", hold.reason());
        json.put("owner", hold.owner());
        json.put("until", hold.until().map(Instant::toString).orElse(null));
        json.put("source", hold.source().name().toLowerCase(java.util.Locale.ROOT));
        return json;
    }

    private SweepRequest sweepRequest(Request request) {
        boolean dryRun = Optional.ofNullable(request.queryParams("dryRun")).map(Boolean::parseBoolean).orElse(false);
        Optional<Instant> asOf = instant(request, "asOf");
        if (asOf.isPresent() && !dryRun) {
            throw badRequest("asOf needs dryRun=true: a real sweep acts now");
        }
        SweepScope scope = SweepScope.ALL;
        if (request.queryParams("user") != null && request.queryParams("domain") != null) {
            throw badRequest("Give user or domain, not both");
        } else if (request.queryParams("user") != null) {
            scope = SweepScope.user(Username.of(request.queryParams("user")).asString());
        } else if (request.queryParams("domain") != null) {
            scope = SweepScope.domain(request.queryParams("domain"));
        }
        int usersPerSecond = config.sweeper().usersPerSecond();
        if (request.queryParams("usersPerSecond") != null) {
            try {
                usersPerSecond = Integer.parseInt(request.queryParams("usersPerSecond"));
            } catch (NumberFormatException e) {
                usersPerSecond = 0;
            }
            if (usersPerSecond < 1) {
                throw badRequest("usersPerSecond must be a whole number of at least 1");
            }
        }
        return new SweepRequest(scope, asOf, dryRun, usersPerSecond);
    }

    private LegalHold parseHold(Username user, String body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (Exception e) {
            throw badRequest("The body must be a JSON object: {\"reason\": \"...\", \"owner\": \"...\", \"until\": \"2027-06-30\"}");
        }
        if (json == null || !json.isObject()) {
            throw badRequest("The body must be a JSON object with reason and owner");
        }
        String reason = text(json, "reason").orElseThrow(() -> badRequest("reason is required"));
        String owner = text(json, "owner").orElseThrow(() -> badRequest("owner is required"));
        Optional<Instant> until = text(json, "until").map(value -> parseInstant(value, "until"));
        return new LegalHold(user.asString(), reason, owner, until, LegalHold.Source.WEBADMIN);
    }

    private static Optional<String> text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        String value = node.asText().trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private Username existingUser(Request request) throws UsersRepositoryException {
        Username user = user(request);
        if (!usersRepository.contains(user)) {
            throw notFound("User " + user.asString() + " does not exist");
        }
        return user;
    }

    private static Username user(Request request) {
        try {
            return Username.of(request.params("user"));
        } catch (IllegalArgumentException e) {
            throw badRequest("Invalid user name: " + request.params("user"));
        }
    }

    private static Optional<String> device(Request request) {
        Optional<String> device = Optional.ofNullable(request.queryParams("device"));
        if (device.isPresent() && !DeviceRule.isValidName(device.get())) {
            throw badRequest("Invalid device name: " + device.get());
        }
        return device;
    }

    private static Optional<Instant> instant(Request request, String parameter) {
        return Optional.ofNullable(request.queryParams(parameter)).map(value -> parseInstant(value, parameter));
    }

    /** A date (UTC midnight) or an ISO-8601 instant. */
    static Instant parseInstant(String value, String parameter) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw badRequest(parameter + " must be a date (2027-06-30) or an instant (2027-06-30T12:00:00Z), not "
                + value);
        }
    }

    private static RuntimeException badRequest(String message) {
        return ErrorResponder.builder().statusCode(HttpStatus.BAD_REQUEST_400)
            .type(ErrorResponder.ErrorType.INVALID_ARGUMENT).message(message).haltError();
    }

    private static RuntimeException notFound(String message) {
        return ErrorResponder.builder().statusCode(HttpStatus.NOT_FOUND_404)
            .type(ErrorResponder.ErrorType.NOT_FOUND).message(message).haltError();
    }
}
