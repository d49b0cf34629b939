import { expect } from 'vitest';
import { type Case, JSON_BODY } from '../types.js';

/** POST /route and /hubs. */
export const LOGISTICS_CASES: Case[] = [
  // POST /route
  {
    name: 'route: exact round trip',
    request: {
      method: 'POST',
      path: '/route',
      headers: JSON_BODY,
      body: JSON.stringify({
        cities: ['Toronto', 'Montreal', 'Ottawa', 'Quebec City', 'Atlantis'],
        start: 'Toronto',
        roundTrip: true,
      }),
    },
    status: 200,
    type: 'json',
    headers: { 'cache-control': 'no-store' },
    json: {
      order: ['Toronto', 'Ottawa', 'Quebec City', 'Montreal'],
      algorithm: 'exact',
      search: null,
      unresolved: [{ name: 'Atlantis', error: { status: 404, code: 'not_found' } }],
    },
    check: (b) => {
      expect(b.legs).toHaveLength(4);
      expect(b.legs[3]).toMatchObject({ from: 'Montreal', to: 'Toronto' });
      expect(b.totalKm).toBeCloseTo(
        b.legs.reduce((s: number, l: { km: number }) => s + l.km, 0),
        0,
      );
    },
  },
  {
    name: 'route: heuristic above ten cities',
    request: {
      method: 'POST',
      path: '/route',
      headers: JSON_BODY,
      body: JSON.stringify({
        cities: [
          'Toronto',
          'Montreal',
          'Ottawa',
          'Hamilton',
          'Quebec City',
          'NYC',
          'Boston',
          'Washington, D.C.',
          'London',
          'Manchester',
          'Dublin',
        ],
      }),
    },
    status: 200,
    type: 'json',
    json: { algorithm: 'heuristic', unresolved: [] },
    check: (b) => {
      expect(b.order[0]).toBe('Toronto');
      expect(b.order).toHaveLength(11);
      expect(b.legs).toHaveLength(10);
      // resolved titles everywhere, the names as typed in `requested`
      expect(b.order).toContain('Hamilton, Ontario');
      expect(b.order).not.toContain('Hamilton');
      expect(b.requested).toMatchObject({ 'Hamilton, Ontario': 'Hamilton' });
      for (const [title, typed] of Object.entries(b.requested)) expect(typed).not.toBe(title);
      expect(b.search.improvements).toContain('or-opt');
      expect(b.search.kicks).toBeGreaterThan(0);
    },
  },
  {
    name: 'route: start must be one of the cities',
    request: {
      method: 'POST',
      path: '/route',
      headers: JSON_BODY,
      body: JSON.stringify({ cities: ['Toronto', 'Montreal'], start: 'Paris' }),
    },
    status: 400,
    type: 'problem',
    code: 'invalid_request',
    check: (b) => expect(b.errors[0].path).toBe('start'),
  },
  {
    name: 'route: too many cities',
    request: {
      method: 'POST',
      path: '/route',
      headers: JSON_BODY,
      body: JSON.stringify({ cities: Array.from({ length: 51 }, (_, i) => `City ${i}`) }),
    },
    status: 400,
    type: 'problem',
    code: 'invalid_request',
  },
  // POST /hubs
  {
    name: 'hubs: k chosen by silhouette',
    request: {
      method: 'POST',
      path: '/hubs',
      headers: JSON_BODY,
      body: JSON.stringify({
        cities: [
          'Toronto',
          'Montreal',
          'Ottawa',
          'Hamilton',
          'London',
          'Manchester',
          'Dublin',
          'São Paulo',
          'Rio de Janeiro',
        ],
      }),
    },
    status: 200,
    type: 'json',
    json: { k: 3, chosenBy: 'silhouette', unresolved: [] },
    check: (b) => {
      expect(b.silhouette).toBeGreaterThan(0.8);
      // cities are named by their resolved titles; `requested` keeps the names as typed
      expect(b.hubs.map((h: { members: string[] }) => h.members)).toEqual([
        ['Toronto', 'Montreal', 'Ottawa', 'Hamilton, Ontario'],
        ['London', 'Manchester', 'Dublin'],
        ['São Paulo', 'Rio de Janeiro'],
      ]);
      expect(b.requested).toEqual({ 'Hamilton, Ontario': 'Hamilton' });
      for (const h of b.hubs) {
        expect(h.members).toContain(h.hub);
        expect(h.distancesKm).toHaveLength(h.members.length);
        expect(h.distancesKm[h.members.indexOf(h.hub)]).toBe(0);
        expect(h.maxKm).toBe(Math.max(...h.distancesKm));
      }
    },
  },
  {
    name: 'hubs: k from the request',
    request: {
      method: 'POST',
      path: '/hubs',
      headers: JSON_BODY,
      body: JSON.stringify({ cities: ['Toronto', 'Montreal', 'London', 'Manchester'], k: 2 }),
    },
    status: 200,
    type: 'json',
    json: { k: 2, chosenBy: 'request' },
  },
  {
    name: 'hubs: k larger than the cities placed',
    request: {
      method: 'POST',
      path: '/hubs',
      headers: JSON_BODY,
      body: JSON.stringify({ cities: ['Toronto', 'Montreal', 'Atlantis'], k: 3 }),
    },
    status: 400,
    type: 'problem',
    code: 'invalid_request',
  },
];
