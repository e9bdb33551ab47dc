/** Evidence: Allure steps and attachments, timeline text, per-part timings of a scenario. */
package dev.shakedown.report;
