import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig({}, '/srv/buurtjury');
    expect(c).toMatchObject({ port: 3000, host: '0.0.0.0', databasePath: '/srv/buurtjury/data/buurtjury.sqlite', publicUrl: null, demo: false });
  });

  it('reads valid values', () => {
    const c = loadConfig({ PORT: '8080', DATABASE_PATH: '/var/lib/bj.sqlite', PUBLIC_URL: 'https://jury.example.nl/', DEMO: 'true' }, '/');
    expect(c).toMatchObject({ port: 8080, databasePath: '/var/lib/bj.sqlite', publicUrl: 'https://jury.example.nl', demo: true });
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ PUBLIC_URL: '', PORT: ' ' }, '/')).toMatchObject({ publicUrl: null, port: 3000 });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PUBLIC_URL', 'jury.example.nl'],
    ['DEMO', 'maybe'],
    ['SESSION_DAYS', '0'],
    ['LOG_LEVEL', 'loud'],
  ])('stops with a message naming %s when it is %j', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}=`));
  });
});
