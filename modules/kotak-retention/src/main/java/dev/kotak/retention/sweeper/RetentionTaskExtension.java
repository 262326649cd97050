package dev.kotak.retention.sweeper;

import java.util.Set;

import org.apache.james.server.task.json.TaskExtensionModule;
import org.apache.james.server.task.json.dto.AdditionalInformationDTO;
import org.apache.james.server.task.json.dto.AdditionalInformationDTOModule;
import org.apache.james.server.task.json.dto.TaskDTO;
import org.apache.james.server.task.json.dto.TaskDTOModule;
import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;

/**
 * {@code guice.extension.task=dev.kotak.retention.sweeper.RetentionTaskExtension}: lets {@code /tasks/{id}} show a
 * sweep's progress. No TaskDTO: the memory/JPA task manager runs tasks in process and never serialises them.
 */
public class RetentionTaskExtension implements TaskExtensionModule {
    @Override
    public Set<TaskDTOModule<? extends Task, ? extends TaskDTO>> taskDTOModules() {
        return Set.of();
    }

    @Override
    public Set<AdditionalInformationDTOModule<? extends TaskExecutionDetails.AdditionalInformation,
        ? extends AdditionalInformationDTO>> taskAdditionalInformationDTOModules() {
        return Set.of(SweepDetailsDTO.module());
    }
}
