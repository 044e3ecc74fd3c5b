package dev.forge.core;

import java.util.List;

/**
 * What {@code repair} changed in the history table.
 *
 * @param checksumsAccepted migrations whose recorded checksum now matches their edited file
 * @param failedRunsRemoved failed no-transaction runs forgotten, so they start over
 */
public record RepairResult(List<String> checksumsAccepted, List<String> failedRunsRemoved) {

}
