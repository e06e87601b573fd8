// What the command palette offers besides tasks: places to go and things to do, matched by
// every word typed ("gro set" finds "Group settings" as well as "Go to groups").
export interface Command {
  id: string;
  label: string;
  run: () => void;
}

export function matchCommands(commands: readonly Command[], text: string): Command[] {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return commands.filter((command) => {
    const label = command.label.toLowerCase();
    return words.every((word) => label.includes(word));
  });
}
