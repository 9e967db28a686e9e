import type { z } from 'zod';

/** Prompt arguments are strings on the wire (MCP), optionally optional. */
type PromptArgsShape = Record<string, z.ZodString | z.ZodOptional<z.ZodString>>;

export interface PromptMessageText {
  role: 'user' | 'assistant';
  text: string;
}

export interface PromptSpec<A extends PromptArgsShape> {
  name: string;
  title: string;
  description: string;
  args: A;
  messages(args: z.infer<z.ZodObject<A>>): PromptMessageText[];
}

export interface PromptDefinition {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly args: PromptArgsShape;
  messages(args: Record<string, string | undefined>): PromptMessageText[];
}

export function definePrompt<A extends PromptArgsShape>(spec: PromptSpec<A>): PromptDefinition {
  return {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    args: spec.args,
    // The SDK has already parsed the arguments with `args`.
    messages: (args) => spec.messages(args as z.infer<z.ZodObject<A>>),
  };
}
