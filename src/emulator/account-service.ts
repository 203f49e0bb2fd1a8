/**
 * What every neighbouring service of one account is built from: the account's clock, request ids,
 * Region and account id, the service's saved state, and where it delivers to other services.
 */
import type { Clock } from './runtime/contract.ts';

export interface AccountServiceOptions<State, Deliveries> {
  clock: Clock;
  uuid: () => string;
  region: string;
  accountId: string;
  state: State;
  deliveries: Deliveries;
}

export abstract class AccountService<State, Deliveries> {
  readonly clock: Clock;
  readonly uuid: () => string;
  readonly region: string;
  readonly accountId: string;
  readonly state: State;
  readonly deliveries: Deliveries;

  constructor(options: AccountServiceOptions<State, Deliveries>) {
    this.clock = options.clock;
    this.uuid = options.uuid;
    this.region = options.region;
    this.accountId = options.accountId;
    this.state = options.state;
    this.deliveries = options.deliveries;
  }
}
