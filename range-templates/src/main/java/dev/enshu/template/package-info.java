/** Range templates: the network an exercise runs on, before it is compiled for one team. */
package dev.enshu.template;
