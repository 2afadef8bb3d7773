import type { StackConfig } from '../../src/config/stack-config';
import { stackPaths } from './paths';
import { createReporter, type Reporter } from './reporter';
import type { StackContext } from './service';
import { SERVICES } from './services';
import { isExternal } from './service';
import { resolveTools, type Toolchain } from './tools';

export function createStackContext(config: StackConfig, reporter: Reporter = createReporter()): StackContext {
  const ctx: StackContext = {
    config,
    paths: stackPaths(config.STACK_DIR),
    reporter,
    tools: () => {
      tools ??= resolveTools(
        {
          postgres: wanted('postgres'),
          mariadb: wanted('mariadb'),
          java: wanted('kafka') || wanted('connect'),
          registry: wanted('registry'),
          go: wanted('ferretdb'),
        },
        {
          javaHome: config.STACK_JAVA_HOME,
          registryJavaHome: config.STACK_REGISTRY_JAVA_HOME,
          autoInstall: config.STACK_AUTO_INSTALL,
        },
        reporter,
      );
      return tools;
    },
  };
  let tools: Toolchain | undefined;
  const wanted = (name: string) => SERVICES.some((s) => s.name === name && !isExternal(s, ctx));
  return ctx;
}
