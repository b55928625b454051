import { DomainEvents } from './domain-events';

describe('DomainEvents', () => {
  it('runs every subscriber of an event in the order they subscribed, and publishing waits for them all', async () => {
    const events = new DomainEvents();
    const seen: string[] = [];
    events.subscribe('eveningPurged', async ({ eveningId }) => {
      await Promise.resolve();
      seen.push(`first ${eveningId}`);
    });
    events.subscribe('eveningPurged', ({ eveningId }) => void seen.push(`second ${eveningId}`));
    events.subscribe('paperBallotsChanged', () => void seen.push('not this one'));
    await events.publish('eveningPurged', { eveningId: 'e1' });
    expect(seen).toEqual(['first e1', 'second e1']);
  });

  it('fails the publish when a subscriber fails', async () => {
    const events = new DomainEvents();
    events.subscribe('paperBallotsChanged', () => {
      throw new Error('cache gone');
    });
    await expect(events.publish('paperBallotsChanged', { eveningId: 'e1' })).rejects.toThrow('cache gone');
  });

  it('publishes to nobody without failing', async () => {
    await expect(new DomainEvents().publish('eveningDetailsChanged', { eveningId: 'e1', details: { title: 'T', venue: 'V', language: 'nl' } })).resolves.toBeUndefined();
  });
});
