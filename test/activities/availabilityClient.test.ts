import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AVAILABILITY_PATH, createHttpAvailabilityClient } from '../../activities/availabilityClient';

/** A one-answer availability service: the body it answers to every POST. */
async function serve(body: unknown): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    expect(req.url).toBe(AVAILABILITY_PATH);
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test('offline and away representatives are not staffed but are counted', async () => {
  const service = await serve({
    IsWithinOperatingHours: true,
    AvailableRepresentativeCount: 1,
    BusyRepresentativeCount: 1,
    Representatives: [
      { Presence: 'Available', SecondsInPresence: 3 },
      { Presence: 'Wrap-up', SecondsInPresence: 5 },
      { Presence: 'Offline', SecondsInPresence: 100 },
      { Presence: 'Away', SecondsInPresence: 7 },
    ],
  });
  try {
    const seen = await createHttpAvailabilityClient(service.url).queueAvailability('q', []);
    expect(seen).toEqual({
      withinOperatingHours: true,
      agents: [
        { state: 'available', elapsedMs: 3000 },
        { state: 'wrap', elapsedMs: 5000 },
      ],
      offline: 2,
    });
  } finally {
    await service.close();
  }
});

test('a counts-only answer says nothing of offline representatives', async () => {
  const service = await serve({ IsWithinOperatingHours: false, AvailableRepresentativeCount: 0, BusyRepresentativeCount: 2 });
  try {
    const seen = await createHttpAvailabilityClient(service.url).queueAvailability('q', ['s']);
    expect(seen.offline).toBeUndefined();
    expect(seen.agents).toHaveLength(2);
  } finally {
    await service.close();
  }
});
