// Names for the generated schema types the app uses, so pages never spell out
// `components['schemas'][…]`.
import type { components } from './schema';

type Schemas = components['schemas'];

export type Problem = Schemas['Problem'];
export type FieldError = Schemas['FieldError'];

export type User = Schemas['UserResponse'];
export type Group = Schemas['GroupResponse'];
export type GroupList = Schemas['GroupList'];

export type Task = Schemas['TaskResponse'];
export type TaskList = Schemas['TaskList'];
export type TaskStatus = Schemas['TaskStatus'];
export type TaskPriority = Schemas['TaskPriority'];
export type CreateTaskRequest = Schemas['CreateTaskRequest'];

export type LoginRequest = Schemas['LoginRequest'];
export type LoginResponse = Schemas['LoginResponse'];
export type CookieSession = Schemas['CookieSession'];
export type MfaChallenge = Schemas['MfaChallenge'];
export type MfaLoginRequest = Schemas['MfaLoginRequest'];
export type WebauthnOptions = Schemas['WebauthnOptions'];
export type WebauthnResponse = Schemas['WebauthnResponse'];
