/**
 * Reading the project's YAML files with their positions, so that every problem can name its file,
 * line and path, and checking them against the JSON Schema generated from the model.
 */
package dev.enshu.yaml;
