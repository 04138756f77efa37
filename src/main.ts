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
import type { Conversation } from './chat/conversation.js';
import { procedurePageUrlIn } from './http/public-links.js';
import { createHttpApp } from './http/app.js';
import { healthRoutes } from './http/health-routes.js';
import { startZaloSandbox, type ZaloSandbox } from './zalo/sandbox.js';
import { activeCommuneIds, createCommuneRegistry, type Commune, type CommuneRegistry } from './communes/registry.js';
import { readCommuneSeeds } from './communes/seed.js';
import { addedCommuneListings, createCommuneCatalogs, provisionalProfile, servedCommuneCatalog } from './communes/catalog-view.js';
import { createOaChannels } from './communes/channels.js';
import { communeRoutes } from './communes/routes.js';
import { currentRequestCommuneId, requestScopedCatalog, residentCommune, runInCommune } from './communes/request-commune.js';
import { Router } from 'express';
import { zaloWebhookRoutes } from './zalo/webhook-route.js';
import { zaloChannelsHealth } from './zalo/channel-status.js';
import { zaloAdminRoutes, zaloOauthCallbackRoutes } from './zalo/admin-routes.js';
import { siteVerificationRoutes } from './zalo/site-verification.js';
import { zaloTokenRefreshJob } from './zalo/token-refresh-job.js';
import { createWorkerLoop } from './jobs/worker-loop.js';
import { createInboxTick } from './jobs/inbox-worker.js';
import { createOutboxTick } from './jobs/outbox-worker.js';
import { createAckGauge } from './jobs/ack-gauge.js';
import { createStaffRouter, type StaffRouteInfo } from './staff/guard.js';
import { staffAuthRoutes } from './staff/routes.js';
import { ensureAdmin } from './staff/accounts.js';
import { createScheduler, type Scheduler } from './jobs/scheduler.js';
import { createPetitionsModule } from './petitions/module.js';
import { createNewsModule } from './news/module.js';
import { createSendHours } from './news/send-hours.js';
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
  /** The communes served (tenants), each with its OA. */
  communes: CommuneRegistry;
  /** The built-in Zalo stand-in when no Zalo credentials are configured. */
  sandbox: ZaloSandbox | undefined;
  /** The express app (tests enumerate its routes to prove every staff route is guarded and scoped). */
  http: ReturnType<typeof createHttpApp>;
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
  const communes = createCommuneRegistry({ db: database.db, log, clock });
  await communes.seed(readCommuneSeeds(config.contentDir));
  const catalogs = createCommuneCatalogs(catalog, () => communes.loaded[0]?.id);
  /** The catalog as a commune sees it (its profile over the shared content); the first commune's for unknown ids. */
  const catalogOf = (communeId: string) => catalogs(communes.get(communeId) ?? communes.first());
  /** For modules shared by every commune: the profile of the commune the current request (or chat turn) is for. */
  const requestCatalog = requestScopedCatalog((id) => catalogOf(id ?? communes.first().id), catalog);
  if (config.admin.username && config.admin.password) {
    try {
      if (await ensureAdmin(database.db, config.admin.username, config.admin.password, clock(), communes.first().id)) {
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
    ? await startZaloSandbox({ appId: config.zalo.appId, appSecret: config.zalo.appSecret, oaSecretKey: config.zalo.oaSecretKey, oaId: communes.first().oaId })
    : undefined;
  const apiBaseUrl = sandbox?.url ?? config.zalo.apiBaseUrl;
  const oauthBaseUrl = sandbox?.url ?? config.zalo.oauthBaseUrl;
  if (sandbox) config.zalo.graphBaseUrl = sandbox.url;
  const initial = sandbox
    ? sandbox.currentTokens()
    : config.zalo.accessToken && config.zalo.refreshToken
      ? { accessToken: config.zalo.accessToken, refreshToken: config.zalo.refreshToken }
      : undefined;
  const channels = createOaChannels({
    db: database.db,
    log,
    clock,
    appId: config.zalo.appId,
    appSecret: config.zalo.appSecret,
    apiBaseUrl,
    oauthBaseUrl,
    timeoutMs: config.zalo.timeoutMs,
    // The sandbox authorises every commune's OA on first use; live, ZALO_ACCESS_TOKEN is the first
    // commune's pair and the others' are given when they are added (or by connecting the OA).
    initialTokensFor: (communeId) => {
      const commune = communes.get(communeId);
      if (sandbox) return commune ? sandbox.addOa(commune.oaId) : undefined;
      return communeId === communes.first().id ? initial : undefined;
    },
  });
  // Every Zalo operation goes through the OA of the commune it is for (outbox, Broadcast, follower
  // lists, token refresh, OAuth connect, status); ZALO_ACCESS_TOKEN seeds only the first commune's.
  const tokensOf = (communeId: string) => channels.channel(communeId).tokens;
  const activeCommunes = async () => (await communes.list()).filter((c) => c.active);
  // The built-in sandbox issues fresh pairs at every start: load them, or pairs left in the
  // database by the previous run would be refused and the tokens marked dead.
  if (sandbox) {
    for (const c of communes.loaded) await channels.channel(c.id).tokens.replaceTokens(sandbox.addOa(c.oaId));
  } else if (initial) await channels.seedTokens(communes.first().id, initial);
  if (!sandbox && config.zalo.sendPerMinute > 4000) {
    log.warn({ sendPerMinute: config.zalo.sendPerMinute }, 'ZALO_SEND_PER_MINUTE is above Zalo\'s 4,000 calls per minute');
  }

  const staffRoutes: StaffRouteInfo[] = [];
  const staff = createStaffRouter({
    db: database.db,
    clock,
    log,
    registry: staffRoutes,
    communeExists: async (id) => (await communes.byId(id))?.active === true,
    defaultCommuneId: () => communes.first().id,
  });
  // Modules queue messages outside webhook events (desk replies, news): they wake the outbox.
  let wakeOutbox = () => {};
  const survey = createSurveyModule({ database, catalog: requestCatalog, clock, staff, publicBaseUrl: config.http.publicBaseUrl });
  const petitions = createPetitionsModule({ config, database, catalog: requestCatalog, log, clock, staff, wakeOutbox: () => wakeOutbox(), onClosed: survey.onPetitionClosed });
  const sendHours = createSendHours({
    db: database.db,
    defaults: { fromHour: config.news.sendFromHour, untilHour: config.news.sendUntilHour },
    profileHours: (communeId) => {
      const commune = communes.get(communeId);
      return commune ? catalogs(commune).current.content.commune.send_hours : undefined;
    },
  });
  const news = createNewsModule({ config, database, catalog: requestCatalog, log, clock, staff, wakeOutbox: () => wakeOutbox(), feedSources: [petitions.publishedFeed], zalo: { channel: channels.channel }, profileOf: (communeId) => catalogOf(communeId).current.content.commune, sendHours });
  /** The commune whose own procedure pages its links open; the default commune keeps the old unprefixed pages. */
  const ownPagesOf = (communeId: string) => (communeId === communes.first().id ? undefined : communeId);
  // Quizzes and change digests run in a chat turn or a resident request: the links are that commune's.
  const procedurePage = (id: string) => procedurePageUrlIn(config.http.publicBaseUrl, ownPagesOf(currentRequestCommuneId() ?? communes.first().id), id);
  const quiz = createQuizModule({ database, catalog: requestCatalog, clock, staff, links: { procedure: procedurePage, article: news.links.article }, residentOf: residentIdentityFor(config, clock) });
  const changeAlerts = createChangeAlerts({ database, catalog: requestCatalog, log, clock, staff, procedureUrl: procedurePage, wakeOutbox: () => wakeOutbox() });
  const insights = await createInsightsModule({ database, catalog: requestCatalog, clock, staff, contentDir: config.contentDir });
  printRoutes({ catalog: requestCatalog, staff, publicBaseUrl: config.http.publicBaseUrl, clock, ownPagesOf });
  radioRoutes({ db: database.db, catalog: requestCatalog, staff, clock, tts: createTts(config.radio.ttsCommand), articleUrl: news.links.article });

  const chatPseudonymKey = await pseudonymKey(database.db);
  /** Each commune's assistant: its own profile and news over the shared catalog and model. */
  const chats = new WeakMap<Commune, Conversation>();
  const chatOf = (communeId: string): Conversation => {
    const commune = communes.get(communeId) ?? communes.first();
    let chat = chats.get(commune);
    if (!chat) {
      const communeCatalogView = catalogs(commune);
      const assistant = createAssistant({
        catalog: communeCatalogView,
        links: { procedurePage: (id) => procedurePageUrlIn(config.http.publicBaseUrl, ownPagesOf(commune.id), id) },
        latestNews: (db) => news.latest(3, db, commune.id),
      });
      chat = createChat({
        catalog: communeCatalogView,
        assistant,
        pseudonymKey: chatPseudonymKey,
        capabilities: {
          newsDigest: news.chatHandler,
          petitions: petitions.chatHandler,
          around: [changeAlerts.digestHandler, changeAlerts.interestHandler],
          flows: [quiz.chatHandler, survey.chatHandler],
        },
      });
      chats.set(commune, chat);
    }
    return chat;
  };
  /** The Mini App's search reads queries as the chat does (understanding is shared by every commune). */
  const searchAssistant = createAssistant({
    catalog: requestCatalog,
    links: { procedurePage },
    latestNews: (db) => news.latest(3, db, currentRequestCommuneId() ?? communes.first().id),
  });
  // The turn runs "in" its commune, so capabilities' texts use that commune's profile.
  const conversation: Conversation = (tx, input) => runInCommune(input.communeId, () => chatOf(input.communeId)(tx, input));

  const pollMs = options.pollMs ?? 1_000;
  const outbox = createWorkerLoop({
    name: 'outbox',
    log,
    idleMs: pollMs,
    tick: createOutboxTick({
      database,
      log,
      channel: (communeId) => channels.channel(communeId),
      defaultCommuneId: () => communes.first().id,
      clock,
      sendPerMinute: config.zalo.sendPerMinute,
      retryBaseMs: config.zalo.retryBaseMs,
      callTimeoutMs: config.zalo.timeoutMs,
      concurrency: config.zalo.outboxConcurrency,
      sendHoursFor: (communeId) => sendHours.hoursFor(communeId),
    }),
  });
  const acks = createAckGauge();
  const inbox = createWorkerLoop({
    name: 'inbox',
    log,
    idleMs: pollMs,
    tick: createInboxTick({
      database,
      log,
      conversation,
      defaultCommuneId: () => communes.first().id,
      clock,
      onReplies: () => outbox.wake(),
      apology: (communeId) => apologyReply(catalogOf(communeId)),
      takeoverHours: config.zalo.takeoverHours,
      acks,
      beforeEvent: async (userId, communeId, now) => {
        // A commune added at run time by another process is loaded before its first turn (outside
        // the turn's transaction), or its residents would be answered as the first commune.
        if (!communes.get(communeId)) await communes.byId(communeId);
        await news.followers.resolveOnContact(userId, communeId, now);
      },
    }),
  });
  const workers = [inbox, outbox];
  wakeOutbox = () => outbox.wake();
  const zaloConnect = { appId: config.zalo.appId, appSecret: config.zalo.appSecret, oauthBaseUrl, publicBaseUrl: config.http.publicBaseUrl };
  const zaloAdmin = {
    db: database.db,
    log,
    clock,
    tokensOf,
    oaOf: async (communeId: string) => (await communes.byId(communeId))?.oaId,
    defaultCommuneId: () => communes.first().id,
    activeCommunes,
    connect: zaloConnect,
    wakeOutbox: () => outbox.wake(),
  };
  zaloAdminRoutes({ ...zaloAdmin, staff });
  const tokenRefresh = zaloTokenRefreshJob({ communeIds: () => activeCommuneIds(database.db), tokensOf, log });
  const scheduler = createScheduler({ db: database.db, log, clock, jobs: [...news.jobs, ...petitions.jobs, tokenRefresh], tasks: [...news.tasks, ...petitions.tasks, ...insights.tasks, changeAlerts.task] });

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
        communeOfOa: async (oaId) => (await communes.byOa(oaId))?.id,
        onStored: () => inbox.wake(),
        acks,
      }),
    ],
    routes: [
      Router().use(residentCommune(communes)),
      communeRoutes({
        communes,
        staff,
        clock,
        seedTokens: (id, pair) => channels.seedTokens(id, pair),
        profileWithHotline: (commune, hotline) => provisionalProfile(catalog.current.content.commune, { ...commune, example: false }, hotline),
      }),
      healthRoutes({
        database,
        workers: workers.map((w) => w.status),
        zalo: { mode: sandbox ? 'sandbox' : 'live', sandboxUrl: sandbox?.url },
        channels: async () => zaloChannelsHealth(database.db, await activeCommunes(), tokensOf),
      }),
      siteVerificationRoutes(config.zalo.siteVerification),
      zaloOauthCallbackRoutes(zaloAdmin),
      catalogRoutes({
        catalog: requestCatalog,
        publicBaseUrl: config.http.publicBaseUrl,
        understand: (q) => searchAssistant.readAlone(q),
        communeCatalog: servedCommuneCatalog(communes, catalogs),
        addedCommunes: addedCommuneListings(communes, catalog, catalogs),
      }),
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
    await news.followers.startup(clock());
    await scheduler.start();
  }
  const url = `http://${config.http.host}:${port}`;
  log.info({ url, database: database.describe, zalo: sandbox ? 'sandbox' : 'live', procedures: catalog.current.content.procedures.length }, 'server started');
  const served = communes.loaded.map((c) => ({ id: c.id, name: c.name, province: c.provinceId, oaId: c.oaId, example: c.example }));
  log.info({ communes: served }, `serving ${served.length} commune(s)`);
  const examples = served.filter((c) => c.example);
  if (examples.length > 0) {
    log.warn({ communes: examples.map((c) => c.id) }, 'these communes are EXAMPLES (placeholder names, numbers and OA ids): replace them with real profiles before going live');
  }

  return {
    url,
    config,
    log,
    database,
    catalog,
    communes,
    sandbox,
    http: app,
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
