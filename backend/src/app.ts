import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { ApiExceptionFilter } from './platform/common/http-exception.filter';
import { jsonBody } from './platform/common/json-body';
import { OriginPolicy } from './platform/common/origins';
import { securityHeaders } from './platform/common/security-headers';
import { createValidationPipe } from './platform/common/validation';
import { LiveIoAdapter } from './gateway/live-io.adapter';
import type { AppConfig } from './platform/config/config';

const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

/** Builds the whole application (REST API, static frontend, docs); used by main and by the e2e tests. */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.logLevel) + 1),
  });
  // Which proxies may say who the client is and whether it used https (X-Forwarded-For/-Proto).
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  const origins = new OriginPolicy(config.allowedOrigins);
  app.enableCors({
    origin: (origin, allow) => allow(null, origins.allowsCrossOrigin(origin)),
    exposedHeaders: ['Retry-After', 'Content-Disposition'],
    maxAge: 600,
  });
  app.use(jsonBody());
  app.use(securityHeaders());
  app.setGlobalPrefix('api', { exclude: [] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useWebSocketAdapter(new LiveIoAdapter(app, origins));
  // On SIGTERM/SIGINT: stop taking ballots, store and answer the received ones (LiveGateway), close, exit 0.
  app.enableShutdownHooks([], { useProcessExit: true });

  const openApi = new DocumentBuilder()
    .setTitle('Buurtjury API')
    .setDescription('Organisers prepare pitch evenings; attendees score pitches; the committee reads the advice.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));
  return app;
}
