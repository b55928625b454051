import { reachableOnlyNearby } from './address';

describe('an address only reachable nearby', () => {
  it.each([
    'http://localhost:3000',
    'http://127.0.0.1:3000',
    'http://192.168.1.20:3000',
    'http://10.0.0.5',
    'http://172.20.1.1',
    'http://192.0.2.2:3202',
    'http://169.254.3.4',
    'http://[::1]:3000',
    'http://[fd12::1]/',
    'http://laptop:3000',
    'http://buurtjury.local',
    'not a url',
  ])('%s is', (url) => {
    expect(reachableOnlyNearby(url)).toBe(true);
  });

  it.each(['https://buurtjury.example.nl', 'https://advies.amersfoort.nl/c/abc', 'http://172.32.0.1', 'http://8.8.8.8', 'https://[2a00:1450::1]/'])('%s is not', (url) => {
    expect(reachableOnlyNearby(url)).toBe(false);
  });
});
