package dev.forge.boot.dashboard.models;

import java.util.UUID;

import dev.forge.model.ForgeModel;
import dev.forge.model.Id;

/**
 * The model of the dashboard's HTTP tests: table {@code notes}.
 *
 * @param id the id
 * @param title the title
 */
@ForgeModel
public record Note(@Id UUID id, String title) {

}
