import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

/**
 * Environment -> typed config. With nothing set, the bot runs on local defaults:
 * no app id (anonymous, for the Agents Playground), Azurite, the local calendar.
 * Every variable read here is listed in CONFIG_ENV_VARS (infra sets exactly these).
 */
const CORE_ENV_VARS = [
  'PORT',
  'BOT_ID',
  'BOT_PASSWORD',
  'BOT_TENANT_ID',
  'BOT_TYPE',
  'STORAGE_CONNECTION_STRING',
  'STORAGE_TABLE_URL',
  'STORAGE_QUEUE_URL',
  'AZURE_CLIENT_ID',
  'WEERBAAR_PROFILE',
  'WEERBAAR_PROFILE_OVERRIDES_FILE',
  'WEERBAAR_ORGANISATION',
  'WEERBAAR_ORGANISATION_NAME',
  'WEERBAAR_PEOPLE_FILE',
  'WEERBAAR_PUBLIC_URL',
  'CALENDAR_MODE',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'LOG_LEVEL',
  'WEERBAAR_PRIVACY_CONTACT',
  'GRAPH_BASE_URL',
  'WEERBAAR_ORGANISATIONS_FILE',
] as const;

/** The agenda's own settings; parsed by src/agenda/config.ts with parseEnv below. */
export const AGENDA_ENV_VARS = [
  'WEERBAAR_CALENDAR_SECRET',
  'WEERBAAR_SAFE_LOCATION',
  'WEERBAAR_AGENDA_HOURS',
  'WEERBAAR_AGENDA_MINUTES',
  'WEERBAAR_NAZORG_LOCATION',
  'WEERBAAR_INCIDENTGESPREK_COORDINATOR',
  'WEERBAAR_NAZORG_NOTICE_MINUTES',
] as const;

export type AgendaEnvVar = (typeof AGENDA_ENV_VARS)[number];
export const CONFIG_ENV_VARS = [...CORE_ENV_VARS, ...AGENDA_ENV_VARS] as const;
export type ConfigEnvVar = (typeof CONFIG_ENV_VARS)[number];

/** Azurite's documented development connection string (not a secret). */
export const AZURITE_CONNECTION_STRING =
  'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;' +
  'AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;' +
  'TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;';

const emptyToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** An optional variable; an empty value (as the toolkit writes an unset value into env/.env.dev) counts as unset. */
export const opt = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/**
 * Microsoft Graph with its version segment: another cloud's endpoint (https), or a local fake
 * over http on loopback only, so a token never travels unencrypted to another machine.
 */
const GraphBaseUrlSchema = z.url().refine((v) => {
  // zod runs this also when z.url() has already failed
  if (!URL.canParse(v)) return false;
  const u = new URL(v);
  const secure = u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname));
  return secure && u.search === '' && u.hash === '' && /^\/[^/]+(\/[^/]+)*\/?$/.test(u.pathname);
}, 'https met versie, bijvoorbeeld https://graph.microsoft.com/v1.0 (http alleen op localhost)');

/** An organisation's id: the partition key of everything it stores. */
const OrgIdSchema = z.string().regex(/^[a-z0-9-]{2,40}$/, 'kleine letters, cijfers en -, 2 tot 40 tekens');

const EnvSchema = z.object({
  PORT: opt(z.coerce.number().int().min(0).max(65535)),
  BOT_ID: opt(z.guid()),
  BOT_PASSWORD: opt(z.string()),
  BOT_TENANT_ID: opt(z.string().min(1)),
  BOT_TYPE: opt(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])),
  STORAGE_CONNECTION_STRING: opt(z.string().min(1)),
  STORAGE_TABLE_URL: opt(z.url()),
  STORAGE_QUEUE_URL: opt(z.url()),
  AZURE_CLIENT_ID: opt(z.string().min(1)),
  WEERBAAR_PROFILE: opt(z.enum(['nijmegen', 'modelprotocol', 'utrecht'])),
  WEERBAAR_PROFILE_OVERRIDES_FILE: opt(z.string().min(1)),
  WEERBAAR_ORGANISATION: opt(OrgIdSchema),
  WEERBAAR_ORGANISATION_NAME: opt(z.string().min(1).max(100)),
  WEERBAAR_PEOPLE_FILE: opt(z.string().min(1)),
  WEERBAAR_PUBLIC_URL: opt(z.url()),
  CALENDAR_MODE: opt(z.enum(['local', 'graph'])),
  APPLICATIONINSIGHTS_CONNECTION_STRING: opt(z.string().min(1)),
  LOG_LEVEL: opt(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  // shown on the public privacy page (escaped there): an e-mail address or one line of text
  WEERBAAR_PRIVACY_CONTACT: opt(z.string().trim().min(3).max(200).regex(/^\P{Cc}+$/u, 'één regel tekst')),
  GRAPH_BASE_URL: opt(GraphBaseUrlSchema),
  WEERBAAR_ORGANISATIONS_FILE: opt(z.string().min(1)),
});

export type StorageConfig =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'account'; tableUrl: string; queueUrl: string; managedIdentityClientId?: string };

export interface Config {
  port: number;
  bot:
    | { auth: 'anonymous' }
    | { auth: 'password'; appId: string; password: string; tenantId?: string; type: 'MultiTenant' | 'SingleTenant' }
    | { auth: 'managed-identity'; appId: string; tenantId: string };
  storage: StorageConfig;
  profileId: 'nijmegen' | 'modelprotocol' | 'utrecht';
  profileOverridesFile?: string;
  organisation: { id: string; name: string };
  peopleFile: string;
  publicUrl: string;
  calendar: 'local' | 'graph';
  appInsightsConnectionString?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  local: boolean;
  /** who answers privacy questions (the FG or privacy desk); without it the privacy page names the coordinator */
  privacyContact?: string;
  /** Microsoft Graph with its version: another for a national cloud, a local fake for the bench */
  graphBaseUrl: string;
  /** the organisation's agenda settings (AGENDA_ENV_VARS), over the environment's; from the organisations file */
  agendaSettings?: Partial<Record<AgendaEnvVar, string>>;
  /**
   * One deployment for several organisations (WEERBAAR_ORGANISATIONS_FILE): each with the fields
   * above that are its own. Absent: the one organisation of the environment.
   */
  organisations?: OrganisationSettings[];
}

export class ConfigError extends Error {
  constructor(readonly variable: string, detail: string) {
    super(`Ongeldige configuratie: ${variable}: ${detail}`);
    this.name = 'ConfigError';
  }
}

/** Reads the named variables through a zod schema; the first problem becomes a ConfigError naming the variable. */
export function parseEnv<S extends z.ZodType>(schema: S, names: readonly string[], env: NodeJS.ProcessEnv): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(names.map((k) => [k, env[k]])));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue?.path[0] ?? '?'), issue?.message ?? 'ongeldig');
  }
  return parsed.data;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnv(EnvSchema, CORE_ENV_VARS, env);
  const port = e.PORT ?? 3978;

  let bot: Config['bot'] = { auth: 'anonymous' };
  if (e.BOT_ID) {
    if (e.BOT_TYPE === 'UserAssignedMSI') {
      if (!e.BOT_TENANT_ID) throw new ConfigError('BOT_TENANT_ID', 'verplicht bij BOT_TYPE=UserAssignedMSI');
      bot = { auth: 'managed-identity', appId: e.BOT_ID, tenantId: e.BOT_TENANT_ID };
    } else {
      if (!e.BOT_PASSWORD) throw new ConfigError('BOT_PASSWORD', `verplicht bij BOT_TYPE=${e.BOT_TYPE ?? 'MultiTenant'}`);
      bot = {
        auth: 'password',
        appId: e.BOT_ID,
        password: e.BOT_PASSWORD,
        type: e.BOT_TYPE ?? 'MultiTenant',
        ...(e.BOT_TENANT_ID ? { tenantId: e.BOT_TENANT_ID } : {}),
      };
    }
  }

  let storage: StorageConfig;
  if (e.STORAGE_TABLE_URL || e.STORAGE_QUEUE_URL) {
    if (!e.STORAGE_TABLE_URL) throw new ConfigError('STORAGE_TABLE_URL', 'verplicht samen met STORAGE_QUEUE_URL');
    if (!e.STORAGE_QUEUE_URL) throw new ConfigError('STORAGE_QUEUE_URL', 'verplicht samen met STORAGE_TABLE_URL');
    if (e.STORAGE_CONNECTION_STRING) {
      throw new ConfigError('STORAGE_CONNECTION_STRING', 'kies óf een connection string óf STORAGE_TABLE_URL/STORAGE_QUEUE_URL');
    }
    storage = {
      kind: 'account',
      tableUrl: e.STORAGE_TABLE_URL,
      queueUrl: e.STORAGE_QUEUE_URL,
      ...(e.AZURE_CLIENT_ID ? { managedIdentityClientId: e.AZURE_CLIENT_ID } : {}),
    };
  } else {
    storage = { kind: 'connectionString', connectionString: e.STORAGE_CONNECTION_STRING ?? AZURITE_CONNECTION_STRING };
  }

  const local = bot.auth === 'anonymous';
  return {
    port,
    bot,
    storage,
    profileId: e.WEERBAAR_PROFILE ?? 'nijmegen',
    ...(e.WEERBAAR_PROFILE_OVERRIDES_FILE ? { profileOverridesFile: e.WEERBAAR_PROFILE_OVERRIDES_FILE } : {}),
    organisation: {
      id: e.WEERBAAR_ORGANISATION ?? 'gemeente-lokaal',
      name: e.WEERBAAR_ORGANISATION_NAME ?? 'Gemeente Lokaal',
    },
    peopleFile: e.WEERBAAR_PEOPLE_FILE ?? 'config/people.local.json',
    publicUrl: e.WEERBAAR_PUBLIC_URL ?? `http://localhost:${port}`,
    calendar: e.CALENDAR_MODE ?? 'local',
    ...(e.APPLICATIONINSIGHTS_CONNECTION_STRING ? { appInsightsConnectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING } : {}),
    logLevel: e.LOG_LEVEL ?? 'info',
    local,
    ...(e.WEERBAAR_PRIVACY_CONTACT ? { privacyContact: e.WEERBAAR_PRIVACY_CONTACT } : {}),
    graphBaseUrl: (e.GRAPH_BASE_URL ?? DEFAULT_GRAPH_BASE_URL).replace(/\/+$/, ''),
    ...(e.WEERBAAR_ORGANISATIONS_FILE ? { organisations: loadOrganisationsFile(e.WEERBAAR_ORGANISATIONS_FILE) } : {}),
  };
}

/** What is an organisation's own in a deployment that serves several. */
export interface OrganisationSettings {
  id: string;
  name: string;
  profileId: Config['profileId'];
  profileOverridesFile?: string;
  peopleFile: string;
  agendaSettings?: Partial<Record<AgendaEnvVar, string>>;
  /** consent to the pleger signal across the deployment's organisations (a count, and names for the coordinator) */
  plegerSignaalDelen: boolean;
}

const OrganisationsFileSchema = z.object({
  organisations: z
    .array(
      z.strictObject({
        id: OrgIdSchema,
        name: z.string().min(1).max(100),
        profile: z.enum(['nijmegen', 'modelprotocol', 'utrecht']),
        profileOverridesFile: z.string().min(1).optional(),
        peopleFile: z.string().min(1),
        agenda: z.partialRecord(z.enum(AGENDA_ENV_VARS), z.string()).optional(),
        plegerSignaalDelen: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(200)
    .refine((orgs) => new Set(orgs.map((o) => o.id)).size === orgs.length, 'elke id maar één keer'),
});

/** The organisations of one deployment; paths in it are relative to the file itself. */
export function loadOrganisationsFile(path: string): OrganisationSettings[] {
  const fail = (detail: string): never => {
    throw new ConfigError('WEERBAAR_ORGANISATIONS_FILE', `${path}: ${detail}`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    return fail(err instanceof SyntaxError ? 'geen geldige JSON' : `kan niet gelezen worden (${(err as NodeJS.ErrnoException).code ?? 'fout'})`);
  }
  const parsed = OrganisationsFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`${issue?.path.join('.') || '(het bestand)'}: ${issue?.message ?? 'ongeldig'}`);
  }
  const here = (p: string): string => resolve(dirname(path), p);
  return parsed.data.organisations.map((o) => ({
    id: o.id,
    name: o.name,
    profileId: o.profile,
    ...(o.profileOverridesFile ? { profileOverridesFile: here(o.profileOverridesFile) } : {}),
    peopleFile: here(o.peopleFile),
    ...(o.agenda ? { agendaSettings: o.agenda } : {}),
    plegerSignaalDelen: o.plegerSignaalDelen === true,
  }));
}

/** The config of each organisation the deployment serves: the environment's one, or each of the file. */
export function organisationConfigs(config: Config): Config[] {
  if (!config.organisations) return [config];
  const { organisations: _all, profileOverridesFile: _overrides, agendaSettings: _agenda, ...shared } = config;
  return config.organisations.map((o) => ({
    ...shared,
    organisation: { id: o.id, name: o.name },
    profileId: o.profileId,
    ...(o.profileOverridesFile ? { profileOverridesFile: o.profileOverridesFile } : {}),
    peopleFile: o.peopleFile,
    ...(o.agendaSettings ? { agendaSettings: o.agendaSettings } : {}),
  }));
}
