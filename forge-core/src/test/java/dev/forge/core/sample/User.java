package dev.forge.core.sample;

import java.util.UUID;

import dev.forge.model.ForgeModel;
import dev.forge.model.Id;
import dev.forge.model.Unique;

@ForgeModel
public record User(@Id UUID id, @Unique String email) {

}
