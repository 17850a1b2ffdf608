import { describe, expect, it } from 'vitest';
import { locationOf, NO_LOCATION } from './location-field.tsx';

describe('locationOf', () => {
  it('is null until a position was added', () => {
    expect(locationOf(NO_LOCATION)).toBeNull();
    expect(locationOf({ lat: '22.31234', lng: '', accuracyM: '' })).toBeNull();
  });

  it('turns the draft into the record’s location, the accuracy in whole metres within the schema’s range', () => {
    expect(locationOf({ lat: '22.31234', lng: '114.16987', accuracyM: '24.6' })).toEqual({
      lat: 22.31234,
      lng: 114.16987,
      accuracyM: 25,
    });
    expect(locationOf({ lat: '22.3', lng: '114.1', accuracyM: '250000' })?.accuracyM).toBe(100_000);
    expect(locationOf({ lat: 'x', lng: '114.1', accuracyM: '5' })).toBeNull();
  });
});
