package org.transvw;

/** JUnit category of tests that start DJL's CPU engine (tiny networks, small patches). */
public interface EngineTests {}
