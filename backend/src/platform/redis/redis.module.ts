import { Global, Module } from '@nestjs/common';
import { RedisConnections } from './redis.service';

/** The Redis connections several nodes share (none without REDIS_URL). */
@Global()
@Module({ providers: [RedisConnections], exports: [RedisConnections] })
export class RedisModule {}
