package dev.enshu.template;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What one host may use. Missing values take the role's defaults. */
public record Resources(
    @JsonPropertyDescription("Memory limit in MiB") Integer memoryMb,
    @JsonPropertyDescription("CPU share, for example 0.5") Double cpus) {}
