// Types of scripts/build-image.mjs, for the container test (deploy/test).
export declare const imageServers: readonly string[];
export declare const imageUser: { uid: number; gid: number };
export declare const defaultImageTag: string;
export declare function buildImage(options?: {
  tag?: string;
  base?: string;
  rebuildBase?: boolean;
  podman?: string;
  log?: (line: string) => void;
}): { tag: string; base: string; size: number };
