import { describe, expect, it } from 'vitest';

import { newTaskSchema } from './new-task-schema';

const parse = (title: string) => newTaskSchema.safeParse({ title, priority: 'none' });

describe('newTaskSchema', () => {
  it('trims the title, as the server does', () => {
    expect(parse('  Ship it  ').data?.title).toBe('Ship it');
  });

  it('needs a title that is more than spaces', () => {
    expect(parse('   ').success).toBe(false);
  });

  it('counts characters, not UTF-16 units, up to 200', () => {
    expect(parse('é'.repeat(200)).success).toBe(true);
    expect(parse('é'.repeat(201)).success).toBe(false);
    expect(parse('😀'.repeat(200)).success).toBe(true);
  });

  it('only takes priorities the API knows', () => {
    expect(newTaskSchema.safeParse({ title: 'x', priority: 'critical' }).success).toBe(false);
  });
});
