package dev.kotak.retention.sweeper;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.json.DTOModule;
import org.apache.james.server.task.json.dto.AdditionalInformationDTO;
import org.apache.james.server.task.json.dto.AdditionalInformationDTOModule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON of a sweep's details in {@code /tasks/{id}} (registered by {@link RetentionTaskExtension}). */
public class SweepDetailsDTO implements AdditionalInformationDTO {

    public static AdditionalInformationDTOModule<RetentionSweepTask.Details, SweepDetailsDTO> module() {
        return DTOModule.forDomainObject(RetentionSweepTask.Details.class)
            .convertToDTO(SweepDetailsDTO.class)
            .toDomainObjectConverter(SweepDetailsDTO::toDetails)
            .toDTOConverter(SweepDetailsDTO::fromDetails)
            .typeName(RetentionSweepTask.TYPE.asString())
            .withFactory(AdditionalInformationDTOModule::new);
    }

    private static SweepDetailsDTO fromDetails(RetentionSweepTask.Details details, String type) {
        SweepRequest request = details.request();
        return new SweepDetailsDTO(type, details.timestamp(), request.scope().toString(), request.dryRun(),
            request.asOf().map(Instant::toString).orElse(null), request.usersPerSecond(), details.usersProcessed(),
            details.usersFailed(), details.messagesExamined(), details.removedByRule(), details.heldByRule(),
            details.failedUsers());
    }

    private static RetentionSweepTask.Details toDetails(SweepDetailsDTO dto) {
        String[] scope = dto.scope.split(" ", 2);
        SweepScope sweepScope = "domain".equals(scope[0]) ? SweepScope.domain(scope[1])
            : "user".equals(scope[0]) ? SweepScope.user(scope[1]) : SweepScope.ALL;
        SweepRequest request = new SweepRequest(sweepScope, Optional.ofNullable(dto.asOf).map(Instant::parse),
            dto.dryRun, dto.usersPerSecond);
        return new RetentionSweepTask.Details(dto.timestamp, request, dto.usersProcessed, dto.usersFailed,
            dto.messagesExamined, dto.removedByRule, dto.heldByRule, dto.failedUsers);
    }

    private final String type;
    private final Instant timestamp;
    private final String scope;
    private final boolean dryRun;
    private final String asOf;
    private final int usersPerSecond;
    private final long usersProcessed;
    private final long usersFailed;
    private final long messagesExamined;
    private final Map<String, Long> removedByRule;
    private final Map<String, Long> heldByRule;
    private final List<String> failedUsers;

    @JsonCreator
    public SweepDetailsDTO(@JsonProperty("type") String type, @JsonProperty("timestamp") Instant timestamp,
                           @JsonProperty("scope") String scope, @JsonProperty("dryRun") boolean dryRun,
                           @JsonProperty("asOf") String asOf, @JsonProperty("usersPerSecond") int usersPerSecond,
                           @JsonProperty("usersProcessed") long usersProcessed,
                           @JsonProperty("usersFailed") long usersFailed,
                           @JsonProperty("messagesExamined") long messagesExamined,
                           @JsonProperty("removedByRule") Map<String, Long> removedByRule,
                           @JsonProperty("heldByRule") Map<String, Long> heldByRule,
                           @JsonProperty("failedUsers") List<String> failedUsers) {
        this.type = type;
        this.timestamp = timestamp;
        this.scope = scope;
        this.dryRun = dryRun;
        this.asOf = asOf;
        this.usersPerSecond = usersPerSecond;
        this.usersProcessed = usersProcessed;
        this.usersFailed = usersFailed;
        this.messagesExamined = messagesExamined;
        this.removedByRule = removedByRule == null ? Map.of() : removedByRule;
        this.heldByRule = heldByRule == null ? Map.of() : heldByRule;
        this.failedUsers = failedUsers == null ? List.of() : failedUsers;
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    public String getScope() {
        return scope;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public String getAsOf() {
        return asOf;
    }

    public int getUsersPerSecond() {
        return usersPerSecond;
    }

    public long getUsersProcessed() {
        return usersProcessed;
    }

    public long getUsersFailed() {
        return usersFailed;
    }

    public long getMessagesExamined() {
        return messagesExamined;
    }

    public Map<String, Long> getRemovedByRule() {
        return removedByRule;
    }

    public Map<String, Long> getHeldByRule() {
        return heldByRule;
    }

    public List<String> getFailedUsers() {
        return failedUsers;
    }
}
