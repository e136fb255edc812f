"""CartPole PPO: the environments, agent, PPO training, evaluation and inference code."""
