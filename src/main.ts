import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { ConfigError, type Config } from './config.js';
import { Invalid } from './errors.js';
import { createLogger } from './logger.js';
import { openDatabase, type Database } from './store/database.js';
import { pseudonymKey } from './store/settings.js';
import { createCatalog, type Catalog } from './catalog/catalog.js';
import { catalogRoutes } from './catalog/routes.js';
import { createAssistant } from './assistant/assistant.js';
import { apologyReply, createChat } from './chat/chain.js';
import { procedurePageUrl } from './http/public-links.js';
import { createHttpApp } from './http/app.js';
import { healthRoutes } from './http/health-routes.js';
import { startZaloSandbox, type ZaloSandbox } from './zalo/sandbox.js';
import { createTokenStore } from './zalo/token-store.js';
import { createZaloClient } from './zalo/client.js';
import { zaloWebhookRoutes } from './zalo/webhook-route.js';
import { withTokenRefresh } from './zalo/refreshing-client.js';
import { zaloChannelStatus } from './zalo/channel-status.js';
import { zaloAdminRoutes, zaloOauthCallbackRoutes } from './zalo/admin-routes.js';
import { siteVerificationRoutes } from './zalo/site-verification.js';
import { zaloTokenRefreshJob } from './zalo/token-refresh-job.js';
import { createWorkerLoop } from './jobs/worker-loop.js';
import { createInboxTick } from './jobs/inbox-worker.js';
import { createOutboxTick } from './jobs/outbox-worker.js';
import { createStaffRouter, type StaffRouteInfo } from './staff/guard.js';
import { staffAuthRoutes } from './staff/routes.js';
import { ensureAdmin } from './staff/accounts.js';
import { createScheduler, type Scheduler } from './jobs/scheduler.js';
import { createPetitionsModule } from './petitions/module.js';
import { createNewsModule } from './news/module.js';
import { WEB_APPS } from './http/web-apps.js';
import { createInsightsModule } from './insights/module.js';
import { printRoutes } from './print/routes.js';
import { radioRoutes } from './radio/routes.js';
import { createTts } from './radio/tts.js';
import { createQuizModule } from './quiz/module.js';
import { createSurveyModule } from './survey/module.js';
import { createChangeAlerts } from './alerts/module.js';
import { residentIdentityFor } from './zalo/resident-identity.js';

export interface AppOptions {
  log?: Logger;
  clock?: () => Date;
  /** Worker idle poll; tests shorten it. */
  pollMs?: number;
}

export interface RunningApp {
  url: string;
  config: Config;
  log: Logger;
  database: Database;
  catalog: Catalog;
  /** The built-in Zalo stand-in when no Zalo credentials are configured. */
  sandbox: ZaloSandbox | undefined;
  /** Every staff route with the roles it requires (for the security test). */
  staffRoutes: StaffRouteInfo[];
  /** Time-based work; tests call `tick()` to run it now. */
  scheduler: Scheduler;
  close(): Promise<void>;
}

/** The composition root: config → store → services → HTTP and workers. The only place that wires. */
export async function startApp(config: Config, options: AppOptions = {}): Promise<RunningApp> {
  const log = options.log ?? createLogger(config.logLevel);
  const clock = options.clock ?? (() => new Date());
  const database = await openDatabase(config.databaseUrl);
  const catalog = createCatalog(config.contentDir, { clock });
  if (config.admin.username && config.admin.password) {
    try {
      if (await ensureAdmin(database.db, config.admin.username, config.admin.password, clock())) {
        log.info({ username: config.admin.username }, 'first admin account created');
      }
    } catch (err) {
      await database.close();
      // A weak ADMIN_PASSWORD is a configuration mistake: say which setting and what to fix.
      if (err instanceof Invalid) throw new ConfigError([`ADMIN_PASSWORD: ${err.fields?.password ?? err.message}`]);
      throw err;
    }
  }

  // Without Zalo credentials and without an explicit API URL, a local sandbox stands in for Zalo.
  const useSandbox = !config.zalo.live && !config.zalo.apiBaseUrl;
  const sandbox = useSandbox
    ? await startZaloSandbox({ appId: config.zalo.appId, appSecret: config.zalo.appSecret, oaSecretKey: config.zalo.oaSecretKey })
    : undefined;
  const apiBaseUrl = sandbox?.url ?? config.zalo.apiBaseUrl;
  const oauthBaseUrl = sandbox?.url ?? config.zalo.oauthBaseUrl;
  if (sandbox) config.zalo.graphBaseUrl = sandbox.url;
  const initial = sandbox
    ? sandbox.currentTokens()
    : config.zalo.accessToken && config.zalo.refreshToken
      ? { accessToken: config.zalo.accessToken, refreshToken: config.zalo.refreshToken }
      : undefined;
  const tokens = createTokenStore({
    db: database.db,
    log,
    appId: config.zalo.appId,
    appSecret: config.zalo.appSecret,
    oauthBaseUrl,
    initial,
    clock,
  });
  // The built-in sandbox issues a fresh pair at every start: load it, or a pair left in the
  // database by the previous run would be refused and the tokens marked dead.
  if (sandbox) await tokens.replaceTokens(sandbox.currentTokens());
  else await tokens.seed();
  if (!sandbox && config.zalo.sendPerMinute > 4000) {
    log.warn({ sendPerMinute: config.zalo.sendPerMinute }, 'ZALO_SEND_PER_MINUTE is above Zalo\'s 4,000 calls per minute');
  }
  // Every call path refreshes the token on -216 and repeats once (refreshing-client.ts).
  const client = withTokenRefresh(createZaloClient({ apiBaseUrl, getAccessToken: () => tokens.getAccessToken(), timeoutMs: config.zalo.timeoutMs }), tokens);

  const staffRoutes: StaffRouteInfo[] = [];
  const staff = createStaffRouter({ db: database.db, clock, log, registry: staffRoutes });
  // Modules queue messages outside webhook events (desk replies, news): they wake the outbox.
  let wakeOutbox = () => {};
  const survey = createSurveyModule({ database, catalog, clock, staff, publicBaseUrl: config.http.publicBaseUrl });
  const petitions = createPetitionsModule({ config, database, catalog, log, clock, staff, wakeOutbox: () => wakeOutbox(), onClosed: survey.onPetitionClosed });
  const news = createNewsModule({ config, database, catalog, log, clock, staff, wakeOutbox: () => wakeOutbox(), feedSources: [petitions.publishedFeed] });
  const procedurePage = (id: string) => procedurePageUrl(config.http.publicBaseUrl, id);
  const quiz = createQuizModule({ database, catalog, clock, staff, links: { procedure: procedurePage, article: news.links.article }, residentOf: residentIdentityFor(config, clock) });
  const changeAlerts = createChangeAlerts({ database, catalog, log, clock, staff, procedureUrl: procedurePage, wakeOutbox: () => wakeOutbox() });
  const insights = await createInsightsModule({ database, catalog, clock, staff, contentDir: config.contentDir });
  printRoutes({ catalog, staff, publicBaseUrl: config.http.publicBaseUrl, clock });
  radioRoutes({ db: database.db, catalog, staff, clock, tts: createTts(config.radio.ttsCommand), articleUrl: news.links.article });

  const assistant = createAssistant({
    catalog,
    links: { procedurePage: (id) => procedurePageUrl(config.http.publicBaseUrl, id) },
    latestNews: (db) => news.latest(3, db),
  });
  const conversation = createChat({
    catalog,
    assistant,
    pseudonymKey: await pseudonymKey(database.db),
    capabilities: {
      newsDigest: news.chatHandler,
      petitions: petitions.chatHandler,
      around: [changeAlerts.digestHandler, changeAlerts.interestHandler],
      flows: [quiz.chatHandler, survey.chatHandler],
    },
  });

  const pollMs = options.pollMs ?? 1_000;
  const outbox = createWorkerLoop({
    name: 'outbox',
    log,
    idleMs: pollMs,
    tick: createOutboxTick({
      database,
      log,
      client,
      clock,
      sendPerMinute: config.zalo.sendPerMinute,
      retryBaseMs: config.zalo.retryBaseMs,
      callTimeoutMs: config.zalo.timeoutMs,
      concurrency: config.zalo.outboxConcurrency,
    }),
  });
  const inbox = createWorkerLoop({
    name: 'inbox',
    log,
    idleMs: pollMs,
    tick: createInboxTick({
      database,
      log,
      conversation,
      clock,
      onReplies: () => outbox.wake(),
      apology: () => apologyReply(catalog),
      takeoverHours: config.zalo.takeoverHours,
    }),
  });
  const workers = [inbox, outbox];
  wakeOutbox = () => outbox.wake();
  const zaloConnect = { appId: config.zalo.appId, appSecret: config.zalo.appSecret, oauthBaseUrl, publicBaseUrl: config.http.publicBaseUrl };
  zaloAdminRoutes({ db: database.db, log, clock, staff, tokens, connect: zaloConnect, wakeOutbox: () => outbox.wake() });
  const scheduler = createScheduler({ db: database.db, log, clock, jobs: [...news.jobs, ...petitions.jobs, zaloTokenRefreshJob(tokens)], tasks: [...news.tasks, ...petitions.tasks, ...insights.tasks, changeAlerts.task] });

  const staffPublic = staffAuthRoutes({ db: database.db, clock, secureCookies: config.http.publicBaseUrl.startsWith('https://'), staff });

  const app = createHttpApp({
    log,
    corsOrigins: config.http.corsOrigins,
    trustProxy: config.http.trustProxy,
    rawRoutes: [
      zaloWebhookRoutes({
        db: database.db,
        log,
        appId: config.zalo.appId,
        oaSecretKey: config.zalo.oaSecretKey,
        windowMs: config.zalo.webhookWindowMs,
        clock,
        onStored: () => inbox.wake(),
      }),
    ],
    routes: [
      healthRoutes({
        database,
        workers: workers.map((w) => w.status),
        zalo: { mode: sandbox ? 'sandbox' : 'live', sandboxUrl: sandbox?.url },
        channel: () => zaloChannelStatus(database.db, tokens),
      }),
      siteVerificationRoutes(config.zalo.siteVerification),
      zaloOauthCallbackRoutes({ db: database.db, log, clock, tokens, connect: zaloConnect, wakeOutbox: () => outbox.wake() }),
      catalogRoutes(catalog, config.http.publicBaseUrl, (q) => assistant.withLifeEvent(q, assistant.understand(q))),
      petitions.publicRouter,
      news.publicRouter,
      quiz.publicRouter,
      survey.publicRouter,
      staffPublic,
      staff.router,
    ],
    statics: WEB_APPS,
  });

  const server: Server = app.listen(config.http.port, config.http.host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  if (config.workers) {
    for (const w of workers) w.start();
    await scheduler.start();
  }
  const url = `http://${config.http.host}:${port}`;
  log.info({ url, database: database.describe, zalo: sandbox ? 'sandbox' : 'live', procedures: catalog.current.content.procedures.length }, 'server started');

  return {
    url,
    config,
    log,
    database,
    catalog,
    sandbox,
    staffRoutes,
    scheduler,
    async close() {
      await scheduler.stop();
      await Promise.all(workers.map((w) => w.stop()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox?.close();
      await database.close();
    },
  };
}
