/** The lifecycle of a scenario: {@link dev.shakedown.scenario.ScenarioContext}, phases, and packaged scenarios such as the availability rehearsal. */
package dev.shakedown.scenario;
