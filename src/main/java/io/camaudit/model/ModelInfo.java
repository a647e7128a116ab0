package io.camaudit.model;

/**
 * A model's identity, known without loading its weights.
 *
 * @param location where it was found, as the user gave it
 * @param spec its {@code model.json}
 * @param digest SHA-256 of its spec and weights files, hex
 */
public record ModelInfo(String location, ModelSpec spec, String digest) {}
