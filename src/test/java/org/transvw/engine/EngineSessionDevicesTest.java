package org.transvw.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.util.List;

import org.junit.Test;
import org.junit.experimental.categories.Category;
import org.transvw.EngineTests;

import ai.djl.Device;

/** The {@code devices} key of the training commands, on whatever machine the tests run. */
@Category(EngineTests.class)
public class EngineSessionDevicesTest {

	private static String refused(final String devices, final String device) {
		try {
			EngineSession.devices(devices, device);
		}
		catch (final IllegalArgumentException e) {
			return e.getMessage();
		}
		throw new AssertionError("devices=" + devices + " device=" + device + " was accepted");
	}

	@Test
	public void blankMeansTheDeviceAloneAndAllMeansEveryGpuOrTheCpu() {
		assertEquals(List.of(Device.cpu()), EngineSession.devices("", "cpu"));
		assertEquals(List.of(Device.cpu()), EngineSession.devices(null, "cpu"));
		final int gpus = EngineSession.engine().getGpuCount();
		final List<Device> all = EngineSession.devices("all", "auto");
		assertEquals(Math.max(1, gpus), all.size());
		assertEquals(gpus == 0 ? Device.cpu() : Device.gpu(0), all.get(0));
		assertEquals(List.of(Device.cpu()), EngineSession.devices(" CPU ", "auto"));
	}

	@Test
	public void badListsAreRefusedNamingTheKey() {
		String m = refused(",gpu:1", "auto");
		assertTrue(m, m.startsWith("devices: expected all, or a comma-separated list like gpu:0," +
			"gpu:1 (or cpu alone), got ',gpu:1'"));
		m = refused("tpu", "auto");
		assertTrue(m, m.startsWith("devices: expected all, or a comma-separated list"));
		m = refused("cpu,cpu", "auto");
		assertTrue(m, m.equals("devices: expected each device once, got 'cpu,cpu'"));
		final int gpus = EngineSession.engine().getGpuCount();
		m = refused("gpu:" + gpus, "auto");
		assertTrue(m, m.startsWith("devices: expected a GPU index below " + gpus));
	}

	@Test
	public void aDeviceOutsideTheListIsRefused() {
		assumeTrue("needs one GPU", EngineSession.engine().getGpuCount() >= 1);
		final String m = refused("gpu:0", "cpu");
		assertTrue(m, m.startsWith("devices: expected GPUs only when there are several") || m
			.equals("device: expected auto or one of devices=gpu:0, got cpu"));
	}

	@Test
	public void severalDevicesMustBeGpus() {
		assumeTrue("needs one GPU", EngineSession.engine().getGpuCount() >= 1);
		final String m = refused("cpu,gpu:0", "auto");
		assertTrue(m, m.startsWith("devices: expected GPUs only when there are several"));
	}
}
