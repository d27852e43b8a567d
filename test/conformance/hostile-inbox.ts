// Messages a connection received (WebSocket replies, MQTT replies), and requests waiting for theirs, many at once.

export type InboxWait<T> = { item: T } | { gone: true } | { timeout: true };

export function createInbox<T>() {
  const items: T[] = [];
  const waiters = new Set<() => void>();
  return {
    get size() {
      return items.length;
    },
    push(item: T) {
      items.push(item);
      waiters.forEach((look) => look());
    },
    /** Wakes every waiter to look again, e.g. because the connection closed. */
    poke() {
      waiters.forEach((look) => look());
    },
    /** The first item from index `since` on that `matches`; `gone()` ends the wait when no such item came. */
    wait(since: number, matches: (item: T) => boolean, gone: () => boolean, timeoutMs: number): Promise<InboxWait<T>> {
      return new Promise((resolve) => {
        const done = (result: InboxWait<T>) => {
          clearTimeout(timer);
          waiters.delete(look);
          resolve(result);
        };
        const timer = setTimeout(() => done({ timeout: true }), timeoutMs);
        function look() {
          const item = items.slice(since).find(matches);
          if (item !== undefined) done({ item });
          else if (gone()) done({ gone: true });
        }
        waiters.add(look);
        look();
      });
    },
  };
}
