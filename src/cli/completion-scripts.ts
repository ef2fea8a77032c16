/** The completion scripts' text, per shell, from word lists (completion.ts fills them). */

export interface Words {
  /** What may come first: kinds, all, commands. */
  first: string[];
  kinds: string[];
  topics: string[];
  shells: string[];
  /** Flags that take a value, and flags that take none. */
  values: string[];
  switches: string[];
  regions: string[];
  outputs: string[];
  policies: string[];
}

const list = (words: readonly string[]) => words.join(' ');
/** Flags whose value has nothing to offer (a name, a number, a URL): no candidates after them. */
const free = (w: Words) => w.values.filter((f) => !['--region', '--aws-profile', '--profile', '--output', '--output-file'].includes(f));

export function bashScript(w: Words): string {
  return `# sentinel-init completion for bash. Install: source <(sentinel-init completion bash)
_sentinel_init() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  # --flag=value: bash splits at "=".
  if [[ $cur == "=" ]]; then cur=""; fi
  if [[ $prev == "=" && $COMP_CWORD -ge 2 ]]; then prev=\${COMP_WORDS[COMP_CWORD-2]}; fi
  case $prev in
    --aws-profile|--profile) COMPREPLY=($(compgen -W "$("\${COMP_WORDS[0]}" __complete profiles 2>/dev/null)" -- "$cur")); return ;;
    --region) COMPREPLY=($(compgen -W "${list(w.regions)}" -- "$cur")); return ;;
    --output) COMPREPLY=($(compgen -W "${list(w.outputs)}" -- "$cur")); return ;;
    --output-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    ${free(w).join('|')}) COMPREPLY=(); return ;;
    --generate-iam) if [[ $cur != -* ]]; then COMPREPLY=($(compgen -W "${list(w.policies)}" -- "$cur")); return; fi ;;
    completion) if [[ $COMP_CWORD -eq 2 ]]; then COMPREPLY=($(compgen -W "${list(w.shells)}" -- "$cur")); return; fi ;;
    help) if [[ $COMP_CWORD -eq 2 ]]; then COMPREPLY=($(compgen -W "${list(w.topics)}" -- "$cur")); return; fi ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "${list([...w.values, ...w.switches])}" -- "$cur"))
  elif [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "${list(w.first)}" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "${list(w.kinds)}" -- "$cur"))
  fi
}
complete -F _sentinel_init sentinel-init
`;
}

export function zshScript(w: Words): string {
  return `#compdef sentinel-init
# sentinel-init completion for zsh. Install (after compinit): source <(sentinel-init completion zsh)
_sentinel_init() {
  local prev=\${words[CURRENT-1]}
  case $prev in
    --aws-profile|--profile) compadd -- \${(f)"$(\${words[1]} __complete profiles 2>/dev/null)"}; return ;;
    --region) compadd -- ${list(w.regions)}; return ;;
    --output) compadd -- ${list(w.outputs)}; return ;;
    --output-file) _files; return ;;
    ${free(w).join('|')}) return ;;
    --generate-iam) [[ $PREFIX != -* ]] && { compadd -- ${list(w.policies)}; return; } ;;
    completion) (( CURRENT == 3 )) && { compadd -- ${list(w.shells)}; return; } ;;
    help) (( CURRENT == 3 )) && { compadd -- ${list(w.topics)}; return; } ;;
  esac
  if [[ $PREFIX == -* ]]; then
    compadd -- ${list([...w.values, ...w.switches])}
  elif (( CURRENT == 2 )); then
    compadd -- ${list(w.first)}
  else
    compadd -- ${list(w.kinds)}
  fi
}
compdef _sentinel_init sentinel-init
`;
}

export function fishScript(w: Words): string {
  const flag = (f: string) => (f.startsWith('--') ? `-l ${f.slice(2)}` : `-s ${f.slice(1)}`);
  const valueArgs: Record<string, string> = {
    '--region': ` -a '${list(w.regions)}'`,
    '--aws-profile': " -a '(sentinel-init __complete profiles 2>/dev/null)'",
    '--profile': " -a '(sentinel-init __complete profiles 2>/dev/null)'",
    '--output': ` -a '${list(w.outputs)}'`,
  };
  const lines = [
    '# sentinel-init completion for fish. Install: sentinel-init completion fish > ~/.config/fish/completions/sentinel-init.fish',
    'complete -c sentinel-init -f',
    `complete -c sentinel-init -n __fish_use_subcommand -a '${list(w.first)}'`,
    `complete -c sentinel-init -n '__fish_seen_subcommand_from verify' -a '${list(w.kinds)}'`,
    `complete -c sentinel-init -n '__fish_seen_subcommand_from completion' -a '${list(w.shells)}'`,
    `complete -c sentinel-init -n '__fish_seen_subcommand_from help' -a '${list(w.topics)}'`,
    ...w.values.map((f) => `complete -c sentinel-init ${flag(f)} ${f === '--output-file' ? '-r -F' : '-x'}${valueArgs[f] ?? ''}`),
    ...w.switches.map((f) => `complete -c sentinel-init ${flag(f)}${f === '--generate-iam' ? ` -a '${list(w.policies)}'` : ''}`),
  ];
  return `${lines.join('\n')}\n`;
}
